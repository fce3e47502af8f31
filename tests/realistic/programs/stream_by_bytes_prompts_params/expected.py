import legacy_compat

prompts = ["first question", "second question", "third question"]
model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# TODO(legacy-compat LC002): the new stream() takes only the keys of inference_params that are parameters of the model's method (another raises TypeError), and the model's signature is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
replies = model.stream_by_bytes(
    (p.encode() for p in prompts),
    input_type="text",
    inference_params={"max_tokens": 32},
)
for prompt, reply in zip(prompts, replies):
    print(prompt, "=>", reply.outputs[0].data.text.raw)
