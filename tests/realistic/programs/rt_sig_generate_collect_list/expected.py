from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

chunks = list(llm.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"one two")]))
print(len(chunks), [c.outputs[0].data.text.raw for c in chunks])
