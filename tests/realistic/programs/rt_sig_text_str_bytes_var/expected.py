from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

prompt = "Explain gravity"
data = prompt.encode("utf-8")
r = llm.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=data)])
print(r.outputs[0].data.text.raw)
