from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

response = model.predict(
    prompt="Summarise the plot of Hamlet.",  # the prompt
    temperature=0.1,  # must be text for an LLM
    max_tokens=50,
)  # one call, one answer
print(response)
