import legacy_compat

urls = [
    "https://samples.clarifai.com/dog.jpg",
    "https://samples.clarifai.com/cat.png",
]

model = legacy_compat.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
# TODO(legacy-compat LC004): the response is passed to enumerate() and keeps the legacy MultiOutputResponse shape: change that code to use the value model.stream(...) returns, then migrate the call and drop legacy_compat.Model
for index, response in enumerate(model.stream_by_url(iter(urls), input_type="image")):
    print(index, response.outputs[0].data.text.raw)
