import json
from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for photo in ["dog.jpg", "cat.png"]:
    prediction = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(photo).read_bytes())])
    for c in prediction.outputs[0].data.concepts:
        print(json.dumps({"file": photo, "label": c.name, "score": round(c.value, 3)}))
