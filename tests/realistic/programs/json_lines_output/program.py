import json

from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for photo in ["dog.jpg", "cat.png"]:
    prediction = model.predict_by_filepath(photo, input_type="image")
    for c in prediction.outputs[0].data.concepts:
        print(json.dumps({"file": photo, "label": c.name, "score": round(c.value, 3)}))
