from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model


class ImageTagger:
    """Tags photos with Clarifai's general model."""

    def __init__(self, pat=None):
        self.model = Model(
            url="https://clarifai.com/clarifai/main/models/general-image-recognition",
            pat=pat,
        )

    def tags(self, path, top=3):
        response = self.model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(path).read_bytes())])
        concepts = response.outputs[0].data.concepts
        return [c.name for c in concepts[:top]]


if __name__ == "__main__":
    tagger = ImageTagger()
    print(tagger.tags("dog.jpg"))
    print(tagger.tags("cat.png", top=2))
