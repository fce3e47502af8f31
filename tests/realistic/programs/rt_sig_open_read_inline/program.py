from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict_by_bytes(open("dog.jpg", "rb").read(), input_type="image")
print(r.outputs[0].data.concepts[0].name)
