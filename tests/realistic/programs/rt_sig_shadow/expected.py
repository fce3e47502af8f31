from pathlib import Path as PathlibPath

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

Inputs = ["dog.jpg", "cat.png"]
Path = "/data"
clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
for name in Inputs:
    r = clf.predict(image=Image(bytes=PathlibPath(name).read_bytes()))
    print(Path, r[0].name)
