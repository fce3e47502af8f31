from clarifai.client.model import Model

model = Model(user_id="openai", app_id="chat-completion", model_id="gpt-4o")
response = model.predict_by_bytes(b"Translate 'good morning' into French.", input_type="text")
print(response.outputs[0].data.text.raw)
