import legacy_compat


class ClarifaiLM:
    """Callable LM returning a list of completions (DSPy style)."""

    def __init__(self, model, **kwargs):
        self.kwargs = {"temperature": 0.0, "max_tokens": 150, **kwargs}
        self.model = legacy_compat.Model(url=model)

    def basic_request(self, prompt, **kwargs):
        params = {**self.kwargs, **kwargs}
        # TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
        response = self.model.predict_by_bytes(prompt.encode(), input_type="text", inference_params=params)
        return [response.outputs[0].data.text.raw]

    def __call__(self, prompt, **kwargs):
        return self.basic_request(prompt, **kwargs)


lm = ClarifaiLM("https://clarifai.com/mistralai/completion/models/mistral-7B-Instruct", temperature=0.3)
print(lm("Question: what is 2 + 2?\nAnswer:")[0])
