from clarifai.client.input import Inputs
from clarifai.client.model import Model

DETECTOR = "https://clarifai.com/clarifai/main/models/general-image-detection"

detector = Model(url=DETECTOR)
result = detector.predict(inputs=[Inputs.get_input_from_url("", image_url="https://samples.clarifai.com/dog.jpg")])

for region in result.outputs[0].data.regions:
    box = region.region_info.bounding_box
    name = region.data.concepts[0].name
    print(f"{name}: top={box.top_row:.3f} left={box.left_col:.3f} bottom={box.bottom_row:.3f} right={box.right_col:.3f}")
