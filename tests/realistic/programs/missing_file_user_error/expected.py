from clarifai.client.model import Model
from clarifai.errors import UserError
from clarifai.runners.utils.data_types import Image
from pathlib import Path

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for path in ["dog.jpg", "missing.jpg"]:
    try:
        result = model.predict(image=Image(bytes=Path(path).read_bytes()))
    except UserError as error:
        print("skipping", path, "-", type(error).__name__)
        continue
    print(path, result[0].name)
