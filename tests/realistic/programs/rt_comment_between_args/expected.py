import legacy_compat

llm = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
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
