from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

outline = llm.predict_by_bytes(b"Outline a blog post about tea.", input_type="text").outputs[0].data.text.raw
print("outline:", outline)
draft = llm.predict_by_bytes(f"Expand: {outline}".encode(), input_type="text", inference_params={"max_tokens": 200}).outputs[0].data.text.raw
print("draft:", draft)
