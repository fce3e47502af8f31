from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


class Config:
    TOP = clf.predict(image=Image(bytes=Path("dog.jpg").read_bytes()))[0].name


print(Config.TOP)
