"""Unary-unary call with a local file, the page's "filepath" variant."""
import os

import legacy_compat

USER_ID = os.environ.get("CLARIFAI_USER_ID", "test-user")
DEPLOYMENT_ID = "vision-dedicated"

model = legacy_compat.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
# TODO(legacy-compat LC003): deployment_id= is not a literal, so it may not exist where the model is built: pass it to the Model(...) constructor by hand, then drop legacy_compat.Model
prediction = model.predict_by_filepath("dog.jpg", input_type="image", user_id=USER_ID, deployment_id=DEPLOYMENT_ID)
print(prediction.outputs[0].data.text.raw)
