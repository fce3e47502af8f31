from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/food-item-recognition")


def classify(url):
    return model.predict_by_url(url, input_type="image")


prediction = classify("https://samples.clarifai.com/dog.jpg")
best = prediction.outputs[0].data.concepts[0]
print("best guess:", best.name)
