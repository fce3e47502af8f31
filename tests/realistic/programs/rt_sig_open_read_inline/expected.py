from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict(image=Image(bytes=open("dog.jpg", "rb").read()))
print(r[0].name)
