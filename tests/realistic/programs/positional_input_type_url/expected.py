from clarifai.client.input import Inputs
from clarifai.client.model import Model

m = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
r = m.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])
print(r.outputs[0].data.concepts[0].name, r.outputs[0].data.concepts[-1].name)
