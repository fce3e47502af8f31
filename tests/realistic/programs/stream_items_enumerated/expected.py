import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
total_chars = 0
# TODO(legacy-compat LC004): the response is passed to enumerate() and keeps the legacy MultiOutputResponse shape: change that code to use the value model.generate(...) returns, then migrate the call and drop legacy_compat.Model
for number, item in enumerate(model.generate_by_bytes(b"count to five", input_type="text"), 1):
    piece = item.outputs[0].data.text.raw
    total_chars += len(piece)
    print(f"{number:02d} {piece!r}")
print("characters:", total_chars)
