def classify(path):
    from clarifai.client.model import Model

    clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
    r = clf.predict_by_filepath(path, input_type="image")
    return r.outputs[0].data.concepts[0].name


print(classify("dog.jpg"))
