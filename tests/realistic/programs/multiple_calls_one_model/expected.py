from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

outline = llm.predict(prompt="Outline a blog post about tea.")
print("outline:", outline)
draft = llm.predict(prompt=f"Expand: {outline}", max_tokens=200)
print("draft:", draft)
