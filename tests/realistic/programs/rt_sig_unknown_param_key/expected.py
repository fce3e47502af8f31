import legacy_compat

llm = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

# TODO(legacy-compat LC002): the model's predict signature has no parameter 'stop': rename or drop it, then drop legacy_compat.Model
resp = llm.predict_by_bytes(b"Tell me a joke", input_type="text", inference_params={"stop": "x", "max_tokens": 9})
print(resp.outputs[0].data.text.raw)
