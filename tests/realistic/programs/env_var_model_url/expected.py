import os

from clarifai.client.model import Model

MODEL_URL = os.getenv("LLM_MODEL_URL", "https://clarifai.com/openai/chat-completion/models/gpt-4o")
TEMPERATURE = float(os.getenv("LLM_TEMPERATURE", "0.4"))

model = Model(url=MODEL_URL, pat=os.getenv("CLARIFAI_PAT"))
out = model.predict(prompt="Hello!", temperature=TEMPERATURE)
print(out)
