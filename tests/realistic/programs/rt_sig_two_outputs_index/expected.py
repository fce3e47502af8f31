from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"q")])
out = r.outputs[0]
print(out.data.text.raw)
print(out.id == "")
