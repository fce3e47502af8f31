"""Unary-stream predict call, as on the legacy inference page."""
import os

from clarifai.client.model import Model

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "llm-deployment"
PROMPT = "What is the future of AI?"

model = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o", deployment_id=DEPLOYMENT_ID, deployment_user_id=USER_ID)

response_stream = model.generate(prompt=PROMPT)
for response in response_stream:
    print(response)
