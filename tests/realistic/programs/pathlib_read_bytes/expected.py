from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

IMAGES = Path(__file__).parent

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
for image_path in sorted(IMAGES.glob("*.jpg")):
    prediction = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=image_path.read_bytes())])
    print(image_path.name, prediction.outputs[0].data.concepts[0].name)
