from clarifai.client.input import Inputs
from clarifai.client.model import Model

urls = [
    "https://samples.clarifai.com/dog.jpg",
    "https://samples.clarifai.com/cat.png",
]

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
for index, response in enumerate(model.stream(inputs=([Inputs.get_input_from_url("", image_url=item)] for item in iter(urls)))):
    print(index, response.outputs[0].data.text.raw)
