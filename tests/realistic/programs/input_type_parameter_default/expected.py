from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def predict(source, input_type="image"):
    response = model.predict(inputs=[Inputs.get_input_from_bytes("", **{f"{input_type}_bytes": Path(source).read_bytes()})])
    return [concept.name for concept in response.outputs[0].data.concepts]


print(predict("dog.jpg"))
