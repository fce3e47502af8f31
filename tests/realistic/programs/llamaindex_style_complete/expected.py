from dataclasses import dataclass

import legacy_compat


@dataclass
class CompletionResponse:
    text: str
    raw: object = None


class ClarifaiCompletion:
    def __init__(self, model_name="gpt-4o", app_id="chat-completion", user_id="openai"):
        self._model = legacy_compat.Model(user_id=user_id, app_id=app_id, model_id=model_name)

    def complete(self, prompt, **kwargs):
        # TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
        response = self._model.predict_by_bytes(prompt.encode("utf-8"), input_type="text", inference_params=kwargs)
        return CompletionResponse(text=response.outputs[0].data.text.raw, raw=response)


completion = ClarifaiCompletion().complete("Write one line about llamas.", max_tokens=30)
print(completion.text)
