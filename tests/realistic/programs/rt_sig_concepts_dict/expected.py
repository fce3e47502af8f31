from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))
scores = {c.name: round(c.value, 2) for c in r}
print(sorted(scores.items()))
print(len(r))
