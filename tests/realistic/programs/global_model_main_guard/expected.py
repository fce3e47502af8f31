from clarifai.client.model import Model

MODEL = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")


def main():
    response = MODEL.predict(prompt="Give me a fun fact.")
    print(response)


if __name__ == "__main__":
    main()
