from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

vlm = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
answer = vlm.predict(image=Image(bytes=Path("dog.jpg").read_bytes()), prompt="How many animals?", max_tokens=20)
print(answer)
