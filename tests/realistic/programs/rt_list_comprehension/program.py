from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

urls = ["https://samples.clarifai.com/dog.jpg", "https://samples.clarifai.com/cat.png"]
names = [clf.predict_by_url(u, input_type="image").outputs[0].data.concepts[0].name for u in urls]
print(names)
