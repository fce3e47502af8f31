from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

# Note: CLARIFAI_PAT must be set as env variable.
model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")
model_prediction = model.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))

for concept in model_prediction:
    print(f"{concept.name}: {concept.value:.2f}")
