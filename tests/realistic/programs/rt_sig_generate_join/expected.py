from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

text = "".join(x for x in llm.generate(prompt="count to three"))
print(text)
