from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
result = model.predict_by_filepath("cat.png", input_type="image")
names = [c.name for c in result.outputs[0].data.concepts if c.value > 0.5]
print(", ".join(names))
