import json

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image
from pathlib import Path

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for photo in ["dog.jpg", "cat.png"]:
    prediction = model.predict(image=Image(bytes=Path(photo).read_bytes()))
    for c in prediction:
        print(json.dumps({"file": photo, "label": c.name, "score": round(c.value, 3)}))
