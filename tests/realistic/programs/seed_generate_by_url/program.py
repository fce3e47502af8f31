"""Unary-stream call with an image URL: a caption streamed word by word."""
from clarifai.client.model import Model

IMAGE_URL = "https://samples.clarifai.com/cat.png"

model = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")
for response in model.generate_by_url(IMAGE_URL, input_type="image"):
    print(response.outputs[0].data.text.raw, end="")
print()
