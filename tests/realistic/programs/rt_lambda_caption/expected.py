from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

caption = lambda u: model.predict(inputs=[Inputs.get_input_from_url("", image_url=u)]).outputs[0].data.text.raw

for u in ["https://samples.clarifai.com/dog.jpg", "https://samples.clarifai.com/cat.png"]:
    print(caption(u))
