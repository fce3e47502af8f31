import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

kwargs = {"url": "https://samples.clarifai.com/dog.jpg", "input_type": "image"}
# TODO(legacy-compat LC001): the arguments are built dynamically (*args/**kwargs): spell them out and call model.predict(...) with the input as a keyword argument, then drop legacy_compat.Model
r = model.predict_by_url(**kwargs)
print(r.outputs[0].data.text.raw)
