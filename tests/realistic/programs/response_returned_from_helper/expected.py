from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/food-item-recognition")


def classify(url):
    return model.predict(inputs=[Inputs.get_input_from_url("", image_url=url)])


prediction = classify("https://samples.clarifai.com/dog.jpg")
best = prediction.outputs[0].data.concepts[0]
print("best guess:", best.name)
