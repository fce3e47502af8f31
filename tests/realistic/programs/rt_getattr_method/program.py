from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")
call = getattr(llm, "predict_by_bytes")
print(call(b"Say hi", input_type="text").outputs[0].data.text.raw)
