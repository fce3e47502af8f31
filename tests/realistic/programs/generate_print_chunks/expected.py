import sys

import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")
# TODO(legacy-compat LC002): the new generate() takes only the keys of inference_params that are parameters of the model's method (another raises TypeError), and the model's signature is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
stream = model.generate_by_bytes(
    b"Tell me a short story about a robot.",
    input_type="text",
    inference_params={"temperature": 0.5, "max_tokens": 120},
)
for chunk in stream:
    sys.stdout.write(chunk.outputs[0].data.text.raw)
sys.stdout.write("\n")
