from clarifai.client.model import Model

model = Model(
    url="https://clarifai.com/openai/chat-completion/models/gpt-4o",
    compute_cluster_id="gpu-cluster",
    nodepool_id="a10-pool",
)
response = model.predict_by_bytes(b"Ping?", input_type="text")
print(response.outputs[0].data.text.raw)
