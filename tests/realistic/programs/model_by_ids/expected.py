from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(user_id="openai", app_id="chat-completion", model_id="gpt-4o")
response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"Translate 'good morning' into French.")])
print(response.outputs[0].data.text.raw)
