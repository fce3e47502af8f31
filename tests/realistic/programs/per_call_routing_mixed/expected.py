import legacy_compat
from clarifai.client.input import Inputs

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# the nightly batch goes to our dedicated deployment ...
# TODO(legacy-compat LC003): other code uses this model without per-call routing, and routing moved to its Model(...) constructor would send those calls to the deployment too: create a second Model(..., deployment_id=...) for the routed calls and call predict on it, then drop legacy_compat.Model
batch = model.predict_by_bytes(b"batch job", input_type="text", deployment_id="llm-deployment")
print("batch:", batch.outputs[0].data.text.raw)

# ... interactive questions to the shared one
quick = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"quick question")])
print("quick:", quick.outputs[0].data.text.raw)
