from pathlib import Path

from clarifai.runners.utils.data_types import Image


def classify(path):
    from clarifai.client.model import Model

    clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
    r = clf.predict(image=Image(bytes=Path(path).read_bytes()))
    return r[0].name


print(classify("dog.jpg"))
