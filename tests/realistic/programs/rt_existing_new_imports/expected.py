from clarifai.client.input import Inputs
from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

new = model.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))
old = model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/cat.png")])
print(new)
print(old.outputs[0].data.text.raw)
