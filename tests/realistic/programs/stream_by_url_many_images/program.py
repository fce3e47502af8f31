from clarifai.client.model import Model

urls = [
    "https://samples.clarifai.com/dog.jpg",
    "https://samples.clarifai.com/cat.png",
]

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
for index, response in enumerate(model.stream_by_url(iter(urls), input_type="image")):
    print(index, response.outputs[0].data.text.raw)
