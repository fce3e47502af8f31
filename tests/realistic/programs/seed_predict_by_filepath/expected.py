"""Unary-unary call with a local file, the page's "filepath" variant."""
import os
from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "vision-dedicated"

model = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct", deployment_id=DEPLOYMENT_ID, deployment_user_id=USER_ID)
prediction = model.predict(image=Image(bytes=Path("dog.jpg").read_bytes()))
print(prediction)
