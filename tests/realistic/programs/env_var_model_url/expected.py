import os

import legacy_compat

MODEL_URL = os.getenv("LLM_MODEL_URL", "https://clarifai.com/openai/chat-completion/models/gpt-4o")
TEMPERATURE = float(os.getenv("LLM_TEMPERATURE", "0.4"))

model = legacy_compat.Model(url=MODEL_URL, pat=os.getenv("CLARIFAI_PAT"))
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
out = model.predict_by_bytes(b"Hello!", input_type="text", inference_params={"temperature": TEMPERATURE})
print(out.outputs[0].data.text.raw)
