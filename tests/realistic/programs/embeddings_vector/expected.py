from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

embedder = Model(url="https://clarifai.com/clarifai/main/models/general-image-embedding")

with open("dog.jpg", "rb") as f:
    image_bytes = f.read()

response = embedder.predict(image=Image(bytes=image_bytes))
vector = list(response)
print(len(vector), [round(v, 3) for v in vector])
