from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# the nightly batch goes to our dedicated deployment ...
batch = model.predict_by_bytes(b"batch job", input_type="text", deployment_id="llm-deployment")
print("batch:", batch.outputs[0].data.text.raw)

# ... interactive questions to the shared one
quick = model.predict_by_bytes(b"quick question", input_type="text")
print("quick:", quick.outputs[0].data.text.raw)
