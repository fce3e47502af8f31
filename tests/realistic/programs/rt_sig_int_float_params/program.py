from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

resp = llm.predict_by_bytes(b"numbers", input_type="text", inference_params={"temperature": 1, "max_tokens": 12.0})
print(resp.outputs[0].data.text.raw)
