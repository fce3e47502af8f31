from clarifai.client.input import Inputs
from clarifai.client.model import Model

MODEL = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")


def main():
    response = MODEL.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"Give me a fun fact.")])
    print(response.outputs[0].data.text.raw)


if __name__ == "__main__":
    main()
