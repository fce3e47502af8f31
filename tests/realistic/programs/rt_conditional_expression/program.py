from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

import sys
use_url = len(sys.argv) < 2
text = (model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image").outputs[0].data.text.raw
        if use_url else model.predict_by_filepath(sys.argv[1], input_type="image").outputs[0].data.text.raw)
print(text)
