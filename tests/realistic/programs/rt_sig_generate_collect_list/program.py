from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

chunks = list(llm.generate_by_bytes(b"one two", input_type="text"))
print(len(chunks), [c.outputs[0].data.text.raw for c in chunks])
