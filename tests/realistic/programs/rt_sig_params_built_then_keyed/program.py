from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

params = {"temperature": 0.1}
params["max_tokens"] = 7
r = llm.predict_by_bytes(b"hi", input_type="text", inference_params=params)
print(r.outputs[0].data.text.raw)
