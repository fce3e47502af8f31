from clarifai.client.model import Model


class TaggingModel(Model):
    """Our own Model subclass with a convenience method."""

    def top_tag(self, url):
        response = self.predict_by_url(url, input_type="image")
        return response.outputs[0].data.concepts[0].name


tagger = TaggingModel(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
print(tagger.top_tag("https://samples.clarifai.com/cat.png"))
