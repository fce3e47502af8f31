import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

# TODO(legacy-compat LC004): the response variable response is assigned more than once and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
response = model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
print("url:", response.outputs[0].data.concepts[0].name)

# TODO(legacy-compat LC004): the response variable response is assigned more than once and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
response = model.predict_by_filepath("cat.png", input_type="image")
print("file:", response.outputs[0].data.concepts[0].name)
