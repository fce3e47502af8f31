from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

MODELS = {
    "tags": Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition"),
    "caption": Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"),
}

image = "https://samples.clarifai.com/dog.jpg"
tags = MODELS["tags"].predict(image=Image(url=image))
caption = MODELS["caption"].predict(image=Image(url=image))
print(caption)
print([c.name for c in tags][:2])
