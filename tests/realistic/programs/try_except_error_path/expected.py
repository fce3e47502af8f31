from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

for question in ["Hello there", "PLEASE-FAIL this one", "Goodbye"]:
    try:
        response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=question.encode())])
        print("ok:", response.outputs[0].data.text.raw[:40])
    except Exception as error:  # one bad prompt must not stop the batch
        print("failed:", type(error).__name__)
