import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/anthropic/completion/models/claude-3_5-sonnet", pat="fake-pat-for-tests")
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
prediction = model.predict_by_bytes(b"Write a haiku about the sea.", "text", inference_params=dict(max_tokens=30, temperature=0.9))
print(prediction.outputs[0].data.text.raw)
