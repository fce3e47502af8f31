from clarifai_grpc.grpc.api.status import status_code_pb2
import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct")
prompt = "What's the future of AI?"

inference_params = dict(temperature=0.2, max_tokens=100)  # optional

# TODO(legacy-compat LC002): inference_params is not a literal dict: pass each parameter as a keyword argument of model.predict(...), then drop legacy_compat.Model
results = model.predict_by_bytes(prompt.encode("utf-8"), "text", inference_params=inference_params)
if results.status.code == status_code_pb2.SUCCESS:
    print(results.outputs[0].data.text.raw)
else:
    print("request failed:", results.status.description)
