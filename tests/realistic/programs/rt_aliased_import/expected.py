from clarifai.client.input import Inputs
from clarifai.client.model import Model as ClarifaiModel

vision = ClarifaiModel(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
out = vision.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])
print(out.outputs[0].data.text.raw)
