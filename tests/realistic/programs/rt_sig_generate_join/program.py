from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

text = "".join(x.outputs[0].data.text.raw for x in llm.generate_by_bytes(b"count to three", input_type="text"))
print(text)
