from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

with open("dog.jpg", "rb") as image_file:
    response = model.predict(image=Image(bytes=image_file.read()))

print(response)
