import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
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
