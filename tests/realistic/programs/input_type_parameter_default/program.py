from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def predict(source, input_type="image"):
    response = model.predict_by_filepath(source, input_type=input_type)
    return [concept.name for concept in response.outputs[0].data.concepts]


print(predict("dog.jpg"))
