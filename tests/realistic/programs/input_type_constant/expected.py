from clarifai.client.input import Inputs
from clarifai.client.model import Model

INPUT_TYPE = "image"
MODEL_URL = "https://clarifai.com/clarifai/main/models/nsfw-recognition"
PHOTO = "https://samples.clarifai.com/cat.png"

model = Model(url=MODEL_URL)
response = model.predict(inputs=[Inputs.get_input_from_url("", image_url=PHOTO)])
labels = {c.name: round(c.value, 2) for c in response.outputs[0].data.concepts}
print(labels)
