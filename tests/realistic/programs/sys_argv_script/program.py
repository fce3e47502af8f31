import sys

from clarifai.client.model import Model

if len(sys.argv) < 2:
    sys.exit("usage: tag.py IMAGE_PATH")

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict_by_filepath(sys.argv[1], input_type="image")
for concept in response.outputs[0].data.concepts:
    print("%-20s %.3f" % (concept.name, concept.value))
