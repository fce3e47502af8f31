import legacy_compat

THRESHOLD = 0.45

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
# TODO(legacy-compat LC004): the response loop variable c is read as . and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
response = model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
confident = [c for c in response.outputs[0].data.concepts if c.value >= THRESHOLD]
print(len(confident), "confident concept(s):", [c.name for c in confident])
