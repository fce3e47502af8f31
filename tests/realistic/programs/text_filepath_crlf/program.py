from clarifai.client.model import Model

# notes.txt was written on Windows (CRLF line endings) and is read as it is
model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
summary = model.predict_by_filepath("notes.txt", input_type="text")
print(summary.outputs[0].data.text.raw)
