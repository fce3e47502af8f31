from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
total_chars = 0
for number, item in enumerate(model.generate_by_bytes(b"count to five", input_type="text"), 1):
    piece = item.outputs[0].data.text.raw
    total_chars += len(piece)
    print(f"{number:02d} {piece!r}")
print("characters:", total_chars)
