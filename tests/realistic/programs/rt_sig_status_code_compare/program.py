from clarifai.client.model import Model
from clarifai_grpc.grpc.api.status import status_code_pb2

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict_by_bytes(b"hi", input_type="text")
if r.status.code != status_code_pb2.SUCCESS:
    raise SystemExit(r.status.description)
print(r.outputs[0].data.text.raw)
