from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
print("asking a question that fails ...")
response = model.predict(prompt="PLEASE-FAIL now")
print("never printed", response)
