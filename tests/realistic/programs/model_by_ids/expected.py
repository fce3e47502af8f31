from clarifai.client.model import Model

model = Model(user_id="openai", app_id="chat-completion", model_id="gpt-4o")
response = model.predict(prompt="Translate 'good morning' into French.")
print(response)
