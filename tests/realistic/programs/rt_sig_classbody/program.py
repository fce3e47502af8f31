from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


class Config:
    TOP = clf.predict_by_filepath("dog.jpg", input_type="image").outputs[0].data.concepts[0].name


print(Config.TOP)
