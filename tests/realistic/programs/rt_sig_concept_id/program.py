from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

r = clf.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
for c in r.outputs[0].data.concepts:
    print(c.id, c.name, c.app_id)
