from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

resp = llm.predict(prompt="numbers", temperature=1, max_tokens=12)
print(resp)
