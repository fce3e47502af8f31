from clarifai.client.model import Model

Inputs = ["dog.jpg", "cat.png"]
Path = "/data"
clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
for name in Inputs:
    r = clf.predict_by_filepath(name, input_type="image")
    print(Path, r.outputs[0].data.concepts[0].name)
