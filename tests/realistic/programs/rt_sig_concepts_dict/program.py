from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
scores = {c.name: round(c.value, 2) for c in r.outputs[0].data.concepts}
print(sorted(scores.items()))
print(len(r.outputs[0].data.concepts))
