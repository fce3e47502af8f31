from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(
    url="https://clarifai.com/openai/chat-completion/models/gpt-4o",
    compute_cluster_id="gpu-cluster",
    nodepool_id="a10-pool",
)
response = model.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=b"Ping?")])
print(response.outputs[0].data.text.raw)
