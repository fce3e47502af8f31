"""Stream-stream call over local files (the page's filepath variant)."""
from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
responses = model.stream(input_iterator=(Image(bytes=Path(path).read_bytes()) for path in ["dog.jpg"]))
for response in responses:
    print(response)
