"""The model is built in models.py and used here: this file never imports clarifai."""
from models import CAPTIONER

caption = CAPTIONER.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
print(caption.outputs[0].data.text.raw)
