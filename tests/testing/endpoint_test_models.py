"""Small ``ModelClass`` subclasses for the endpoint tests.

No ``from __future__ import annotations`` here: the SDK builds method signatures from the
annotation objects, and string annotations are rejected as "Unsupported type".
"""

from clarifai.runners.models.model_class import ModelClass


class Shout(ModelClass):
    """Upper-cases its text."""

    @ModelClass.method
    def predict(self, text: str) -> str:
        return text.upper()


class BrokenLoad(ModelClass):
    """A model whose weights cannot be found."""

    def load_model(self) -> None:
        raise FileNotFoundError("weights.bin is missing")

    @ModelClass.method
    def predict(self, text: str) -> str:
        return text
