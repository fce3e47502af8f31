"""An older (non-pythonic) detector; signatures.json says it has no methods."""
from clarifai.client.model import Model

detector = Model(url="https://clarifai.com/clarifai/main/models/face-detection")
faces = detector.predict_by_filepath("dog.jpg", input_type="image")
print(len(faces.outputs[0].data.regions), "face(s)")
for region in faces.outputs[0].data.regions:
    print(region.id, round(region.value, 3))
