from clarifai.client.input import Inputs
from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

urls = ["https://samples.clarifai.com/dog.jpg", "https://samples.clarifai.com/cat.png"]
names = [clf.predict(inputs=[Inputs.get_input_from_url("", image_url=u)]).outputs[0].data.concepts[0].name for u in urls]
print(names)
