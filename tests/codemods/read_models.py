"""Models for the response-read tests whose return types no reference model has.

No ``from __future__ import annotations`` here: the SDK builds method signatures from the
annotation objects, and string annotations are rejected as "Unsupported type".
"""

import hashlib
from typing import List

from clarifai.runners.models.model_class import ModelClass
from clarifai.runners.utils.data_types import Audio, Concept, Image, Region

from legacy_compat.testing.reference_models import hash_concepts


class BoxDetector(ModelClass):
    """Two regions per image, boxes and concepts computed from the image bytes."""

    @ModelClass.method
    def predict(self, image: Image) -> List[Region]:
        digest = hashlib.sha1(image.bytes).digest()
        concepts = hash_concepts(image.bytes)
        return [
            Region(
                box=[digest[i] / 512, digest[i + 1] / 512, 0.5 + digest[i] / 512, 0.75],
                concepts=[concepts[i], Concept(name=f"box-{i}", value=0.5)],
                id=f"region-{i}",
            )
            for i in range(2)
        ]


class Painter(ModelClass):
    """A PNG whose bytes depend on the prompt (an image-generation model's shape)."""

    @ModelClass.method
    def predict(self, prompt: str) -> Image:
        import io

        from PIL import Image as PILImage

        shade = int(hashlib.sha1(prompt.encode()).hexdigest()[:2], 16)
        buffer = io.BytesIO()
        PILImage.new("RGB", (4, 3), (shade, 0, 255 - shade)).save(buffer, format="PNG")
        return Image(bytes=buffer.getvalue())


class Speaker(ModelClass):
    """Audio bytes that depend on the prompt (a text-to-speech model's shape)."""

    @ModelClass.method
    def predict(self, prompt: str) -> Audio:
        return Audio(bytes=b"RIFF" + hashlib.sha1(prompt.encode()).digest())
