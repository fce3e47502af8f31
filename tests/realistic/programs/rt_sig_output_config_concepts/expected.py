from clarifai.client.input import Inputs
from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")], output_config={"max_concepts": 2, "min_value": 0.1})
print([c.name for c in r.outputs[0].data.concepts])
