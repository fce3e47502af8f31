from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

resp = llm.predict_by_bytes(b"Tell me a joke", "text", {"temperature": 0.2, "max_tokens": 20})
print(resp.outputs[0].data.text.raw)
