import legacy_compat
from clarifai.errors import UserError

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

for path in ["dog.jpg", "missing.jpg"]:
    try:
        # TODO(legacy-compat LC001): a missing file raises the SDK's UserError here, and the new code would raise FileNotFoundError past this except clause: check os.path.isfile(path) and raise UserError yourself before calling the new method, then drop legacy_compat.Model
        result = model.predict_by_filepath(path, input_type="image")
    except UserError as error:
        print("skipping", path, "-", type(error).__name__)
        continue
    print(path, result.outputs[0].data.concepts[0].name)
