from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

for r in llm.generate(prompt="write three words"):
    print(r, end="/")
print()
