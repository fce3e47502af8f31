import os

import legacy_compat

model = legacy_compat.Model(user_id="clarifai", app_id="main", model_id="general-image-recognition")

for filename in sorted(os.listdir(".")):
    if not filename.endswith((".jpg", ".png")):
        continue
    # TODO(legacy-compat LC004): the response is read as ...concepts[0] and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
    prediction = model.predict_by_filepath(filename, input_type="image")
    top = prediction.outputs[0].data.concepts[0]
    print(filename, top.name, round(top.value, 2))
