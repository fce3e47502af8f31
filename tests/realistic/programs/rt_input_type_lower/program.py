from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

KIND = "IMAGE"
r = model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type=KIND.lower())
print(r.outputs[0].data.text.raw)
