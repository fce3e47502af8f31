import functools

from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
ask = functools.partial(llm.predict_by_bytes, input_type="text")

for question in (b"one", b"two"):
    print(ask(question).outputs[0].data.text.raw)
