from clarifai.client.model import Model


def get_llm():
    return Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")
