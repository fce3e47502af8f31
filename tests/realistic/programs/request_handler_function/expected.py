import json

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")


def handle(request_body):
    """What a web route does: JSON in, JSON out."""
    data = json.loads(request_body)
    prediction = captioner.predict(image=Image(url=data["image_url"]))
    return json.dumps({"caption": prediction})


print(handle(json.dumps({"image_url": "https://samples.clarifai.com/dog.jpg"})))
