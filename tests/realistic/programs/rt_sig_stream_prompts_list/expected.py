from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

for r in llm.stream(input_iterator=(item.decode() for item in [b"a", b"b"]), max_tokens=3):
    print(r)
