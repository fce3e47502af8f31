from clarifai.client.model import Model

CAPTIONER = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
