from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

with open("dog.jpg", "rb") as image_file:
    response = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=image_file.read())])

print(response.outputs[0].data.text.raw)
