from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")
question = "What is 2+2?"
print(f"Answer: {llm.predict_by_bytes(question.encode(), input_type='text').outputs[0].data.text.raw}")
