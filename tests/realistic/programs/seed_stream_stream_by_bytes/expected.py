"""Stream-stream predict call, as on the legacy inference page."""
import os

from clarifai.client.model import Model

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "llm-deployment"
PROMPT = "Explain gRPC streaming in one sentence."

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o", deployment_id=DEPLOYMENT_ID, deployment_user_id=USER_ID)

# Create an iterator of inputs
input_stream = iter([PROMPT.encode()])

response_stream = model.stream(input_iterator=(item.decode() for item in input_stream))
for response in response_stream:
    print(response)
