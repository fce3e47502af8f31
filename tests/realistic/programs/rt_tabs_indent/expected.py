from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

def run():
	for u in ["https://samples.clarifai.com/dog.jpg"]:
		r = model.predict(inputs=[Inputs.get_input_from_url("", image_url=u)])
		print(r.outputs[0].data.text.raw)


run()
