import os

from clarifai.client.model import Model

prompt = "Write a tweet on the future of AI"
model_url = "https://clarifai.com/anthropic/completion/models/claude-3_5-sonnet"

text = Model(url=model_url, pat=os.environ["CLARIFAI_PAT"]).predict(prompt=prompt)
print(text)
