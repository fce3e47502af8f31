"""An older (non-pythonic) detector; signatures.json says it has no methods."""
import legacy_compat

detector = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/face-detection")
# TODO(legacy-compat LC001): the signatures file has no predict method for https://clarifai.com/clarifai/main/models/face-detection: check which method the model serves and call it by hand, then drop legacy_compat.Model
faces = detector.predict_by_filepath("dog.jpg", input_type="image")
print(len(faces.outputs[0].data.regions), "face(s)")
for region in faces.outputs[0].data.regions:
    print(region.id, round(region.value, 3))
