from clarifai.client.input import Inputs
from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])
for c in r.outputs[0].data.concepts:
    print(c.id, c.name, c.app_id)
