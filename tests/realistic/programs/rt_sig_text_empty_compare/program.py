from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict_by_bytes(b"x", input_type="text")
answer = r.outputs[0].data.text.raw
if answer == "":
    print("empty")
else:
    print(answer.splitlines()[0])
