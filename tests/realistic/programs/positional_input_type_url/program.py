from clarifai.client.model import Model

m = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
r = m.predict_by_url("https://samples.clarifai.com/dog.jpg", "image")
print(r.outputs[0].data.concepts[0].name, r.outputs[0].data.concepts[-1].name)
