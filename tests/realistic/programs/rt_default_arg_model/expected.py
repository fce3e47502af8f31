from clarifai.client.input import Inputs
from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def top(url, m=clf):
    r = m.predict(inputs=[Inputs.get_input_from_url("", image_url=url)])
    return r.outputs[0].data.concepts[0].name


print(top("https://samples.clarifai.com/dog.jpg"))
