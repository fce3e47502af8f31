from clarifai.client.model import Model

embedder = Model(url="https://clarifai.com/clarifai/main/models/general-image-embedding")

with open("dog.jpg", "rb") as f:
    image_bytes = f.read()

response = embedder.predict_by_bytes(image_bytes, input_type="image")
vector = list(response.outputs[0].data.embeddings[0].vector)
print(len(vector), [round(v, 3) for v in vector])
