from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
result = model.predict(image=Image(bytes=Path("cat.png").read_bytes()))
names = [c.name for c in result if c.value > 0.5]
print(", ".join(names))
