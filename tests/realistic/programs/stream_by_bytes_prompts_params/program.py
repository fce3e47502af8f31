from clarifai.client.model import Model

prompts = ["first question", "second question", "third question"]
model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

replies = model.stream_by_bytes(
    (p.encode() for p in prompts),
    input_type="text",
    inference_params={"max_tokens": 32},
)
for prompt, reply in zip(prompts, replies):
    print(prompt, "=>", reply.outputs[0].data.text.raw)
