import sys

from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
stream = model.generate_by_bytes(
    b"Tell me a short story about a robot.",
    input_type="text",
    inference_params={"temperature": 0.5, "max_tokens": 120},
)
for chunk in stream:
    sys.stdout.write(chunk.outputs[0].data.text.raw)
sys.stdout.write("\n")
