import legacy_compat
from clarifai.client.input import Inputs

llm = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

outline = llm.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"Outline a blog post about tea.")]).outputs[0].data.text.raw
print("outline:", outline)
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
draft = llm.predict_by_bytes(f"Expand: {outline}".encode(), input_type="text", inference_params={"max_tokens": 200}).outputs[0].data.text.raw
print("draft:", draft)
