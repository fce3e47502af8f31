import json

from google.protobuf.json_format import MessageToDict
import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
# TODO(legacy-compat LC004): the response is passed to MessageToDict() and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
response = model.predict_by_url("https://samples.clarifai.com/cat.png", input_type="image")

payload = MessageToDict(response, preserving_proto_field_name=True)
concepts = payload["outputs"][0]["data"]["concepts"]
print(json.dumps([{"name": c["name"], "value": round(c["value"], 2)} for c in concepts], indent=1))
