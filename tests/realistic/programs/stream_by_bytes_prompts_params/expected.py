import legacy_compat

prompts = ["first question", "second question", "third question"]
model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# TODO(legacy-compat LC004): the response stream replies is used other than in a for loop and keeps the legacy MultiOutputResponse shape: change that code to use the value model.stream(...) returns, then migrate the call and drop legacy_compat.Model
replies = model.stream_by_bytes(
    (p.encode() for p in prompts),
    input_type="text",
    inference_params={"max_tokens": 32},
)
for prompt, reply in zip(prompts, replies):
    print(prompt, "=>", reply.outputs[0].data.text.raw)
