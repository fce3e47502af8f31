from clarifai.client.model import Model
from clarifai_grpc.grpc.api.status import status_code_pb2

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

for r in llm.generate_by_bytes(b"write three words", input_type="text"):
    if r.status.code != status_code_pb2.SUCCESS:
        print("failed", r.status.description)
        break
    print(r.outputs[0].data.text.raw, end="/")
print()
