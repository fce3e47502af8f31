"""Unary-unary predict call, as on the legacy inference page: an image by URL, on a deployment."""
import os

import legacy_compat

# Your PAT is read from CLARIFAI_PAT
USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "vision-dedicated"
MODEL_URL = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
IMAGE_URL = "https://samples.clarifai.com/dog.jpg"

model = legacy_compat.Model(url=MODEL_URL)

# TODO(legacy-compat LC003): deployment_id= is not a literal, so it may not exist where the model is built: pass it to the Model(...) constructor by hand, then drop legacy_compat.Model
model_prediction = model.predict_by_url(IMAGE_URL, input_type="image", user_id=USER_ID, deployment_id=DEPLOYMENT_ID)

print(model_prediction.outputs[0].data.text.raw)
