from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict_by_bytes(  # ask the model
    # the prompt, as bytes
    b"Summarise: cats are great",
    input_type="text",  # text model
    inference_params={
        "temperature": 0.1,  # be boring
        # "top_p": 0.9,
        "max_tokens": 30,
    },
)  # done
print(r.outputs[0].data.text.raw)
