from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
print("asking a question that fails ...")
response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"PLEASE-FAIL now")])
print("never printed", response.outputs[0].data.text.raw)
