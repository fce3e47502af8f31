from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

prompt = "Explain gravity"
data = prompt.encode("utf-8")
r = llm.predict_by_bytes(data, input_type="text")
print(r.outputs[0].data.text.raw)
