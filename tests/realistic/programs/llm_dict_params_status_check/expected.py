import legacy_compat
from clarifai_grpc.grpc.api.status import status_code_pb2

model = legacy_compat.Model(url="https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct")
prompt = "What's the future of AI?"

inference_params = dict(temperature=0.2, max_tokens=100)  # optional

# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
results = model.predict_by_bytes(prompt.encode("utf-8"), "text", inference_params=inference_params)
if results.status.code == status_code_pb2.SUCCESS:
    print(results.outputs[0].data.text.raw)
else:
    print("request failed:", results.status.description)
