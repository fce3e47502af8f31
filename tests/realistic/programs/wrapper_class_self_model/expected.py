import legacy_compat


class ImageTagger:
    """Tags photos with Clarifai's general model."""

    def __init__(self, pat=None):
        self.model = legacy_compat.Model(
            url="https://clarifai.com/clarifai/main/models/general-image-recognition",
            pat=pat,
        )

    def tags(self, path, top=3):
        # TODO(legacy-compat LC004): the response list of concepts is used in a way the codemod does not recognise and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
        response = self.model.predict_by_filepath(path, input_type="image")
        concepts = response.outputs[0].data.concepts
        return [c.name for c in concepts[:top]]


if __name__ == "__main__":
    tagger = ImageTagger()
    print(tagger.tags("dog.jpg"))
    print(tagger.tags("cat.png", top=2))
