import json

from clarifai.client.input import Inputs
from clarifai.client.model import Model

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")


def handle(request_body):
    """What a web route does: JSON in, JSON out."""
    data = json.loads(request_body)
    prediction = captioner.predict(inputs=[Inputs.get_input_from_url("", image_url=data["image_url"])])
    return json.dumps({"caption": prediction.outputs[0].data.text.raw})


print(handle(json.dumps({"image_url": "https://samples.clarifai.com/dog.jpg"})))
