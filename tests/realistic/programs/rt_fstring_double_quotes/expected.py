from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")
question = "What is 2+2?"
print(f"Answer: {llm.predict(inputs=[Inputs.get_input_from_bytes('', text_bytes=question.encode())]).outputs[0].data.text.raw}")
