from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

with open("dog.jpg", "rb") as fh:
    data = fh.read()
r = model.predict(image=Image(bytes=data), prompt="What animal?")
print(r)
