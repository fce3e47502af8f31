from clarifai.client.model import Model
from pathlib import Path

# notes.txt was written on Windows (CRLF line endings) and is read as it is
model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
summary = model.predict(prompt=Path("notes.txt").read_text())
print(summary)
