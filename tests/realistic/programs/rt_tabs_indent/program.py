from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

def run():
	for u in ["https://samples.clarifai.com/dog.jpg"]:
		r = model.predict_by_url(u, input_type="image")
		print(r.outputs[0].data.text.raw)


run()
