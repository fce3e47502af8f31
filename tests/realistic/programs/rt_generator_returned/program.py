from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")


def tokens(prompt):
    yield from llm.generate_by_bytes(prompt.encode(), input_type="text")


def stream(prompt):
    return llm.generate_by_bytes(prompt.encode(), input_type="text")


for chunk in tokens("hello there"):
    print(chunk.outputs[0].data.text.raw, end="|")
print()
for chunk in stream("general kenobi"):
    print(chunk.outputs[0].data.text.raw, end="|")
print()
