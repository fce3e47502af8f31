from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

response = model.predict_by_bytes(
    b"Summarise the plot of Hamlet.",  # the prompt
    input_type="text",  # must be text for an LLM
    inference_params={
        "temperature": 0.1,  # keep it factual
        # "top_p": 0.9,
        "max_tokens": 50,
    },
)  # one call, one answer
print(response.outputs[0].data.text.raw)
