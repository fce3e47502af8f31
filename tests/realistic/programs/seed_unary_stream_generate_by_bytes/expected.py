"""Unary-stream predict call, as on the legacy inference page."""
import os

import legacy_compat

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "llm-deployment"
PROMPT = "What is the future of AI?"

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# TODO(legacy-compat LC003): deployment_id= is not a literal, so it may not exist where the model is built: pass it to the Model(...) constructor by hand, then drop legacy_compat.Model
response_stream = model.generate_by_bytes(PROMPT.encode(), input_type="text", user_id=USER_ID, deployment_id=DEPLOYMENT_ID)
for response in response_stream:
    if response.outputs and response.outputs[0].data.text:
        print(response.outputs[0].data.text.raw)
