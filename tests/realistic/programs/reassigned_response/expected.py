from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

response = model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])
print("url:", response.outputs[0].data.concepts[0].name)

response = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path("cat.png").read_bytes())])
print("file:", response.outputs[0].data.concepts[0].name)
