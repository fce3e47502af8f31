from clarifai.client.model import Model


MODELS = {name: Model(url=f"https://clarifai.com/{path}") for name, path in {
    "chat": "openai/chat-completion/models/gpt-4o-mini",
}.items()}
print(MODELS["chat"].predict_by_bytes(b"hi", input_type="text").outputs[0].data.text.raw)
