import sys

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image
from pathlib import Path

if len(sys.argv) < 2:
    sys.exit("usage: tag.py IMAGE_PATH")

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict(image=Image(bytes=Path(sys.argv[1]).read_bytes()))
for concept in response:
    print("%-20s %.3f" % (concept.name, concept.value))
