from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

# notes.txt was written on Windows (CRLF line endings) and is read as it is
model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
summary = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=Path("notes.txt").read_bytes())])
print(summary.outputs[0].data.text.raw)
