from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

resp = llm.predict(prompt="Tell me a joke", temperature=0.2, max_tokens=20)
print(resp)
