from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")


def tokens(prompt):
    yield from llm.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=prompt.encode())])


def stream(prompt):
    return llm.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=prompt.encode())])


for chunk in tokens("hello there"):
    print(chunk.outputs[0].data.text.raw, end="|")
print()
for chunk in stream("general kenobi"):
    print(chunk.outputs[0].data.text.raw, end="|")
print()
