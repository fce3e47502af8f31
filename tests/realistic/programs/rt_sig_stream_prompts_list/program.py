from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

for r in llm.stream_by_bytes([b"a", b"b"], input_type="text", inference_params={"max_tokens": 3}):
    print(r.outputs[0].data.text.raw)
