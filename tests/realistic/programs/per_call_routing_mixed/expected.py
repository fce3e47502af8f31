from clarifai.client.model import Model
import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

# the nightly batch goes to our dedicated deployment ...
# TODO(legacy-compat LC003): calls on this model route differently: create one Model(..., deployment_id=...) per route and call predict on it, then drop legacy_compat.Model
batch = model.predict_by_bytes(b"batch job", input_type="text", deployment_id="llm-deployment")
print("batch:", batch.outputs[0].data.text.raw)

# ... interactive questions to the shared one
quick = model.predict(prompt="quick question")
print("quick:", quick)
