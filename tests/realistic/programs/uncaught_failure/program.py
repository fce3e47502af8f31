from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
print("asking a question that fails ...")
response = model.predict_by_bytes(b"PLEASE-FAIL now", input_type="text")
print("never printed", response.outputs[0].data.text.raw)
