from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

response = model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
print("url:", response.outputs[0].data.concepts[0].name)

response = model.predict_by_filepath("cat.png", input_type="image")
print("file:", response.outputs[0].data.concepts[0].name)
