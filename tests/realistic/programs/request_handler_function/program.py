import json

from clarifai.client.model import Model

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")


def handle(request_body):
    """What a web route does: JSON in, JSON out."""
    data = json.loads(request_body)
    prediction = captioner.predict_by_url(data["image_url"], input_type="image")
    return json.dumps({"caption": prediction.outputs[0].data.text.raw})


print(handle(json.dumps({"image_url": "https://samples.clarifai.com/dog.jpg"})))
