from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

params = {"temperature": 0.1}
params["max_tokens"] = 7
r = llm.predict(prompt="hi", temperature=0.1, max_tokens=7)
print(r)
