from clarifai.client.input import Inputs
from clarifai.client.model import Model


class TaggingModel(Model):
    """Our own Model subclass with a convenience method."""

    def top_tag(self, url):
        response = self.predict(inputs=[Inputs.get_input_from_url("", image_url=url)])
        return response.outputs[0].data.concepts[0].name


tagger = TaggingModel(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
print(tagger.top_tag("https://samples.clarifai.com/cat.png"))
