from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

with open("dog.jpg", "rb") as fh:
    data = fh.read()
r = model.predict_by_bytes(data, input_type="image", inference_params={"prompt": "What animal?"})
print(r.outputs[0].data.text.raw)
