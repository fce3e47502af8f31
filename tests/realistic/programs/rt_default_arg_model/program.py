from clarifai.client.model import Model

clf = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def top(url, m=clf):
    r = m.predict_by_url(url, input_type="image")
    return r.outputs[0].data.concepts[0].name


print(top("https://samples.clarifai.com/dog.jpg"))
