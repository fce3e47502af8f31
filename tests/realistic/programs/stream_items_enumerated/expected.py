from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
total_chars = 0
for number, item in enumerate(model.generate(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"count to five")]), 1):
    piece = item.outputs[0].data.text.raw
    total_chars += len(piece)
    print(f"{number:02d} {piece!r}")
print("characters:", total_chars)
