import os
from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(user_id="clarifai", app_id="main", model_id="general-image-recognition")

for filename in sorted(os.listdir(".")):
    if not filename.endswith((".jpg", ".png")):
        continue
    prediction = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(filename).read_bytes())])
    top = prediction.outputs[0].data.concepts[0]
    print(filename, top.name, round(top.value, 2))
