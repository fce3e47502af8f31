from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

IMAGES = Path(__file__).parent

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
for image_path in sorted(IMAGES.glob("*.jpg")):
    prediction = model.predict(image=Image(bytes=image_path.read_bytes()))
    print(image_path.name, prediction[0].name)
