import legacy_compat

MODEL_URL = "https://clarifai.com/mistralai/completion/models/mistral-7B-Instruct"


def build_params(temperature, max_tokens=64):
    """Sampling parameters shared by every call of the script."""
    return {"temperature": temperature, "max_tokens": max_tokens}


model = legacy_compat.Model(url=MODEL_URL)
params = build_params(0.3)
# TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
response = model.predict_by_bytes(b"Name three rivers in Europe.", input_type="text", inference_params=params)
print(response.outputs[0].data.text.raw)
