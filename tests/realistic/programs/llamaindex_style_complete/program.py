from dataclasses import dataclass

from clarifai.client.model import Model


@dataclass
class CompletionResponse:
    text: str
    raw: object = None


class ClarifaiCompletion:
    def __init__(self, model_name="gpt-4o", app_id="chat-completion", user_id="openai"):
        self._model = Model(user_id=user_id, app_id=app_id, model_id=model_name)

    def complete(self, prompt, **kwargs):
        response = self._model.predict_by_bytes(prompt.encode("utf-8"), input_type="text", inference_params=kwargs)
        return CompletionResponse(text=response.outputs[0].data.text.raw, raw=response)


completion = ClarifaiCompletion().complete("Write one line about llamas.", max_tokens=30)
print(completion.text)
