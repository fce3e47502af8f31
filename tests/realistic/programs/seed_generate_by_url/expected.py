"""Unary-stream call with an image URL: a caption streamed word by word."""
from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

IMAGE_URL = "https://samples.clarifai.com/cat.png"

model = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")
for response in model.generate(image=Image(url=IMAGE_URL)):
    print(response, end="")
print()
