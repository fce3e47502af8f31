from clarifai.client.input import Inputs
from clarifai.client.model import Model

THRESHOLD = 0.45

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])
confident = [c for c in response.outputs[0].data.concepts if c.value >= THRESHOLD]
print(len(confident), "confident concept(s):", [c.name for c in confident])
