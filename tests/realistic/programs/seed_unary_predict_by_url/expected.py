"""Unary-unary predict call, as on the legacy inference page: an image by URL, on a deployment."""
import os

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

# Your PAT is read from CLARIFAI_PAT
USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "vision-dedicated"
MODEL_URL = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
IMAGE_URL = "https://samples.clarifai.com/dog.jpg"

model = Model(url=MODEL_URL, deployment_id=DEPLOYMENT_ID, deployment_user_id=USER_ID)

model_prediction = model.predict(image=Image(url=IMAGE_URL))

print(model_prediction)
