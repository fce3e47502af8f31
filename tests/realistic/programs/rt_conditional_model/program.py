from clarifai.client.model import Model

import os

model = (Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
         if os.environ.get("FAST") else
         Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"))
print(model.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image").outputs[0].data.text.raw)
