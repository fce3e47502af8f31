from clarifai.client.model import Model

model = Model(
    url="https://clarifai.com/openai/chat-completion/models/gpt-4o",
    compute_cluster_id="gpu-cluster",
    nodepool_id="a10-pool",
)
response = model.predict(prompt="Ping?")
print(response)
