from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

question = "Which planet is the largest?"
# the legacy method accepted a str as well as bytes
answer = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=question)])
print(answer.outputs[0].data.text.raw)
