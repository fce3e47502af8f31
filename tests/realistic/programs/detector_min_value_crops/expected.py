from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

detector = Model(url="https://clarifai.com/clarifai/main/models/general-image-detection")
prediction = detector.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path("cat.png").read_bytes())], output_config={"min_value": 0.6})
crops = []
for region in prediction.outputs[0].data.regions:
    box = region.region_info.bounding_box
    crops.append((box.left_col, box.top_row, box.right_col, box.bottom_row))
print(crops)
print(prediction.outputs[0].data.text.raw)
