import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

KIND = "IMAGE"
# TODO(legacy-compat LC001): input_type is not a literal image/text/audio/video: call model.predict(...) with the input as Image(...)/Audio(...)/Video(...) or a str for text, then drop legacy_compat.Model
r = model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type=KIND.lower())
print(r.outputs[0].data.text.raw)
