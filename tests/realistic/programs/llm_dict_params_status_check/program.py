from clarifai.client.model import Model
from clarifai_grpc.grpc.api.status import status_code_pb2

model = Model(url="https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct")
prompt = "What's the future of AI?"

inference_params = dict(temperature=0.2, max_tokens=100)  # optional

results = model.predict_by_bytes(prompt.encode("utf-8"), "text", inference_params=inference_params)
if results.status.code == status_code_pb2.SUCCESS:
    print(results.outputs[0].data.text.raw)
else:
    print("request failed:", results.status.description)
