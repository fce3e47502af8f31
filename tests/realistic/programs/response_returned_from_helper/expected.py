import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/food-item-recognition")


def classify(url):
    # TODO(legacy-compat LC004): the response is returned and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
    return model.predict_by_url(url, input_type="image")


prediction = classify("https://samples.clarifai.com/dog.jpg")
best = prediction.outputs[0].data.concepts[0]
print("best guess:", best.name)
