from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

first = next(iter(llm.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"alpha beta gamma")])))
print(first.outputs[0].data.text.raw)
