import legacy_compat

llm = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
resp = llm.predict_by_bytes(b"Tell me a joke", "text", {"temperature": 0.2, "max_tokens": 20})
print(resp.outputs[0].data.text.raw)
