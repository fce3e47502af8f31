"""Stream-stream call over local files (the page's filepath variant)."""
from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image
from pathlib import Path

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
responses = model.stream(input_iterator=iter([Image(bytes=Path("dog.jpg").read_bytes())]))
for response in responses:
    print(response)
