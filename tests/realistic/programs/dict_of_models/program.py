from clarifai.client.model import Model

MODELS = {
    "tags": Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition"),
    "caption": Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"),
}

image = "https://samples.clarifai.com/dog.jpg"
tags = MODELS["tags"].predict_by_url(image, input_type="image")
caption = MODELS["caption"].predict_by_url(image, input_type="image")
print(caption.outputs[0].data.text.raw)
print([c.name for c in tags.outputs[0].data.concepts][:2])
