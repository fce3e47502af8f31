from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")

import sys
from pathlib import Path
use_url = len(sys.argv) < 2
text = (model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")]).outputs[0].data.text.raw
        if use_url else model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(sys.argv[1]).read_bytes())]).outputs[0].data.text.raw)
print(text)
