from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/apparel-detection")
response = model.predict(
    inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")],
    output_config={"max_concepts": 3, "min_value": 0.5},
)
print([c.name for c in response.outputs[0].data.concepts])
