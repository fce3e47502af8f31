import os

from clarifai.client.input import Inputs
from clarifai.client.model import Model

prompt = "Write a tweet on the future of AI"
model_url = "https://clarifai.com/anthropic/completion/models/claude-3_5-sonnet"

text = Model(url=model_url, pat=os.environ["CLARIFAI_PAT"]).predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=prompt.encode())]).outputs[0].data.text.raw
print(text)
