from dataclasses import dataclass, field

from clarifai.client.input import Inputs
from clarifai.client.model import Model


@dataclass
class Captioner:
    url: str = "https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct"
    model: Model = field(init=False)

    def __post_init__(self):
        self.model = Model(url=self.url)

    def caption(self, image_url: str) -> str:
        r = self.model.predict(inputs=[Inputs.get_input_from_url("", image_url=image_url)])
        return r.outputs[0].data.text.raw


print(Captioner().caption("https://samples.clarifai.com/dog.jpg"))
