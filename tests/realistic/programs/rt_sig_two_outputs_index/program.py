from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict_by_bytes(b"q", input_type="text")
out = r.outputs[0]
print(out.data.text.raw)
print(out.id == "")
