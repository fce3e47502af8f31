"""The model is built in models.py and used here: this file never imports clarifai."""
from clarifai.runners.utils.data_types import Image
from models import CAPTIONER

caption = CAPTIONER.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))
print(caption)
