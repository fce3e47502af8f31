from pathlib import Path

import legacy_compat
from clarifai.client.input import Inputs
from clarifai.client.model import Model

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")
writer = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

caption = captioner.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path("dog.jpg").read_bytes())]).outputs[0].data.text.raw
prompt = f"Write an alt text for: {caption}"
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
alt_text = writer.predict_by_bytes(prompt.encode(), input_type="text", inference_params={"max_tokens": 60})
print(alt_text.outputs[0].data.text.raw)
