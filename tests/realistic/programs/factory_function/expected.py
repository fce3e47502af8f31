from clarifai.client.input import Inputs
from clarifai.client.model import Model

LLMS = {
    "gpt-4o": "https://clarifai.com/openai/chat-completion/models/gpt-4o",
    "llama": "https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct",
}


def get_model(name):
    return Model(url=LLMS[name])


def ask(name, question):
    model = get_model(name)
    response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=question.encode())])
    return response.outputs[0].data.text.raw


for name in LLMS:
    print(name, "->", ask(name, "Say hello"))
