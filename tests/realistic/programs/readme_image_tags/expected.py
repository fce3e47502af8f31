from clarifai.client.input import Inputs
from clarifai.client.model import Model

# Note: CLARIFAI_PAT must be set as env variable.
model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
model_prediction = model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])

for concept in model_prediction.outputs[0].data.concepts:
    print(f"{concept.name}: {concept.value:.2f}")
