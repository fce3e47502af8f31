from clarifai.client import Model

model = Model(url="https://clarifai.com/anthropic/completion/models/claude-3_5-sonnet", pat="fake-pat-for-tests")
prediction = model.predict_by_bytes(b"Write a haiku about the sea.", "text", inference_params=dict(max_tokens=30, temperature=0.9))
print(prediction.outputs[0].data.text.raw)
