"""A LangChain-style LLM wrapper around a Clarifai model."""
from typing import Any, Dict, List, Optional

import legacy_compat


class ClarifaiLLM:
    model_url: str = "https://clarifai.com/openai/chat-completion/models/gpt-4o"

    def __init__(self, temperature: float = 0.0, max_tokens: int = 256):
        self.model = legacy_compat.Model(url=self.model_url)
        self.params: Dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}

    @property
    def _llm_type(self) -> str:
        return "clarifai"

    def _call(self, prompt: str, stop: Optional[List[str]] = None) -> str:
        # TODO(legacy-compat LC002): inference_params reach a pythonic model only as keyword arguments of the new method, and an older model only in the proto form; the model's kind is not known here: add it to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, then drop legacy_compat.Model
        response = self.model.predict_by_bytes(
            prompt.encode(encoding="utf-8"), input_type="text", inference_params=self.params
        )
        text = response.outputs[0].data.text.raw
        if stop:
            for token in stop:
                text = text.split(token)[0]
        return text

    def invoke(self, prompt: str) -> str:
        return self._call(prompt)


llm = ClarifaiLLM(temperature=0.2, max_tokens=80)
print(llm.invoke("What is LangChain?"))
