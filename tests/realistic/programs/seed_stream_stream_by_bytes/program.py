"""Stream-stream predict call, as on the legacy inference page."""
import os

from clarifai.client.model import Model

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "llm-deployment"
PROMPT = "Explain gRPC streaming in one sentence."

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# Create an iterator of inputs
input_stream = iter([PROMPT.encode()])

response_stream = model.stream_by_bytes(input_stream, input_type="text", user_id=USER_ID, deployment_id=DEPLOYMENT_ID)
for response in response_stream:
    if response.outputs and response.outputs[0].data.text:
        print(response.outputs[0].data.text.raw)
