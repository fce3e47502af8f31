from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

first = next(iter(llm.generate_by_bytes(b"alpha beta gamma", input_type="text")))
print(first.outputs[0].data.text.raw)
