from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict(  # ask the model
    # the prompt, as bytes
    prompt="Summarise: cats are great",  # text model
    temperature=0.1,  # be boring
    # "top_p": 0.9,
    max_tokens=30,
)  # done
print(r)
