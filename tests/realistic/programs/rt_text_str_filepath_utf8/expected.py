from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

with open("note.txt", "w", encoding="utf-8") as f:
    f.write("café ☕\r\nline two")
r = llm.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=Path("note.txt").read_bytes())])
print(repr(r.outputs[0].data.text.raw))
