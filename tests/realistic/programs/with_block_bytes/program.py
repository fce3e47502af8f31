from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

with open("dog.jpg", "rb") as image_file:
    response = model.predict_by_bytes(image_file.read(), input_type="image")

print(response.outputs[0].data.text.raw)
