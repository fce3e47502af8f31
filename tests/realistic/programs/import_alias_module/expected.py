from pathlib import Path

import clarifai.client.model as clarifai_model
from clarifai.runners.utils.data_types import Image

vision = clarifai_model.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
reply = vision.generate(image=Image(bytes=Path("cat.png").read_bytes()))
print("".join(r for r in reply))
