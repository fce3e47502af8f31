import time

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")


def ask_with_retries(prompt, attempts=3):
    for attempt in range(attempts):
        try:
            response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=prompt.encode())])
            return response.outputs[0].data.text.raw
        except Exception as exc:
            print(f"attempt {attempt + 1} failed: {type(exc).__name__}")
            time.sleep(0.01)
    return None


print(ask_with_retries("PLEASE-FAIL always", attempts=2))
print(ask_with_retries("works fine"))
