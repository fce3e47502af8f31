import legacy_compat

INPUT_TYPE = "image"
MODEL_URL = "https://clarifai.com/clarifai/main/models/nsfw-recognition"
PHOTO = "https://samples.clarifai.com/cat.png"

model = legacy_compat.Model(url=MODEL_URL)
# TODO(legacy-compat LC001): input_type is not a literal image/text/audio/video: call model.predict(...) with the input as Image(...)/Audio(...)/Video(...) or a str for text, then drop legacy_compat.Model
response = model.predict_by_url(PHOTO, input_type=INPUT_TYPE)
labels = {c.name: round(c.value, 2) for c in response.outputs[0].data.concepts}
print(labels)
