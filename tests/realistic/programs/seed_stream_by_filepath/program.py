"""Stream-stream call over local files (the page's filepath variant)."""
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
responses = model.stream_by_filepath("dog.jpg", input_type="image")
for response in responses:
    print(response.outputs[0].data.text.raw)
