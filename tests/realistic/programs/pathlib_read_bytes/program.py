from pathlib import Path

from clarifai.client.model import Model

IMAGES = Path(__file__).parent

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
for image_path in sorted(IMAGES.glob("*.jpg")):
    prediction = model.predict_by_bytes(image_path.read_bytes(), input_type="image")
    print(image_path.name, prediction.outputs[0].data.concepts[0].name)
