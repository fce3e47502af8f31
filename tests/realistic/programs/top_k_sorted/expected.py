from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
res = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=open("cat.png", "rb").read())])
top2 = sorted(res.outputs[0].data.concepts, key=lambda c: c.value, reverse=True)[:2]
for rank, concept in enumerate(top2, start=1):
    print(rank, concept.name)
