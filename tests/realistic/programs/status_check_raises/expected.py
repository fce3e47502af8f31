from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def tags_for(url):
    response = model.predict(image=Image(url=url))
    return [concept.name for concept in response]


print(tags_for("https://samples.clarifai.com/dog.jpg"))
