from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image
from pathlib import Path

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")
writer = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

caption = captioner.predict(image=Image(bytes=Path("dog.jpg").read_bytes()))
prompt = f"Write an alt text for: {caption}"
alt_text = writer.predict(prompt=prompt, max_tokens=60)
print(alt_text)
