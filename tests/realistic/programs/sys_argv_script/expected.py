import sys
from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

if len(sys.argv) < 2:
    sys.exit("usage: tag.py IMAGE_PATH")

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(sys.argv[1]).read_bytes())])
for concept in response.outputs[0].data.concepts:
    print("%-20s %.3f" % (concept.name, concept.value))
