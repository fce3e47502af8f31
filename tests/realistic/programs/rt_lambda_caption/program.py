from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

caption = lambda u: model.predict_by_url(u, input_type="image").outputs[0].data.text.raw

for u in ["https://samples.clarifai.com/dog.jpg", "https://samples.clarifai.com/cat.png"]:
    print(caption(u))
