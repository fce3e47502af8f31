import legacy_compat

with open("prompt.txt") as handle:
    prompt = handle.read()

llm = legacy_compat.Model(url="https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct")
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
reply = llm.predict_by_bytes(prompt, "text", inference_params={"max_tokens": 40})
print(reply.outputs[0].data.text.raw)
