from clarifai.client.model import Model
from clarifai.errors import UserError

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for path in ["dog.jpg", "missing.jpg"]:
    try:
        result = model.predict_by_filepath(path, input_type="image")
    except UserError as error:
        print("skipping", path, "-", type(error).__name__)
        continue
    print(path, result.outputs[0].data.concepts[0].name)
