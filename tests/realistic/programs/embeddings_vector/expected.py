from clarifai.client.input import Inputs
from clarifai.client.model import Model

embedder = Model(url="https://clarifai.com/clarifai/main/models/general-image-embedding")

with open("dog.jpg", "rb") as f:
    image_bytes = f.read()

response = embedder.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=image_bytes)])
vector = list(response.outputs[0].data.embeddings[0].vector)
print(len(vector), [round(v, 3) for v in vector])
