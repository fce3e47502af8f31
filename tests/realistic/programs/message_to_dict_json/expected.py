import json

from clarifai.client.input import Inputs
from clarifai.client.model import Model
from google.protobuf.json_format import MessageToDict

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
response = model.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/cat.png")])

payload = MessageToDict(response, preserving_proto_field_name=True)
concepts = payload["outputs"][0]["data"]["concepts"]
print(json.dumps([{"name": c["name"], "value": round(c["value"], 2)} for c in concepts], indent=1))
