from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

files = ["dog.jpg", "cat.png"]
captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")

results = captioner.stream(inputs=([Inputs.get_input_from_bytes("", image_bytes=Path(path).read_bytes())] for path in (name for name in files)))
for name, result in zip(files, results):
    print(name, result.outputs[0].data.text.raw)
