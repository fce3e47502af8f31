from clarifai.client.model import Model

model = None


def init():
    global model
    model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")


def ask(q):
    return model.predict_by_bytes(q.encode(), input_type="text").outputs[0].data.text.raw


init()
print(ask("hello"))
