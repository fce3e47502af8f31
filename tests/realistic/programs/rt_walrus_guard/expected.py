from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

if (resp := model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])).outputs:
    print(resp.outputs[0].data.text.raw)
else:
    print("nothing")
