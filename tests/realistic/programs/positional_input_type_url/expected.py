from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

m = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
r = m.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))
print(r[0].name, r[-1].name)
