from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

if (resp := model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")).outputs:
    print(resp.outputs[0].data.text.raw)
else:
    print("nothing")
