from clarifai.client.input import Inputs
from clarifai.client.model import Model

MODELS = {
    "tags": Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition"),
    "caption": Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"),
}

image = "https://samples.clarifai.com/dog.jpg"
tags = MODELS["tags"].predict(inputs=[Inputs.get_input_from_url("", image_url=image)])
caption = MODELS["caption"].predict(inputs=[Inputs.get_input_from_url("", image_url=image)])
print(caption.outputs[0].data.text.raw)
print([c.name for c in tags.outputs[0].data.concepts][:2])
