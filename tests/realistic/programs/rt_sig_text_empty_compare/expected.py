from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict(prompt="x")
answer = r
if answer == "":
    print("empty")
else:
    print(answer.splitlines()[0])
