from clarifai.client.model import Model

MODEL = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")


def main():
    response = MODEL.predict_by_bytes(b"Give me a fun fact.", input_type="text")
    print(response.outputs[0].data.text.raw)


if __name__ == "__main__":
    main()
