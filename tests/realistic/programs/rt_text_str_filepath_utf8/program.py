from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

with open("note.txt", "w", encoding="utf-8") as f:
    f.write("café ☕\r\nline two")
r = llm.predict_by_filepath("note.txt", input_type="text")
print(repr(r.outputs[0].data.text.raw))
