"""An older (non-pythonic) detector; signatures.json says it has no methods."""
from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

detector = Model(url="https://clarifai.com/clarifai/main/models/face-detection")
faces = detector.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path("dog.jpg").read_bytes())])
print(len(faces.outputs[0].data.regions), "face(s)")
for region in faces.outputs[0].data.regions:
    print(region.id, round(region.value, 3))
