import sys

from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
stream = model.generate(
    prompt="Tell me a short story about a robot.",
    temperature=0.5,
    max_tokens=120,
)
for chunk in stream:
    sys.stdout.write(chunk)
sys.stdout.write("\n")
