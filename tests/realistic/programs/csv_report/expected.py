import csv
from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")

with open("report.csv", "w", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerow(["file", "concept", "value"])
    for name in ["dog.jpg", "cat.png"]:
        outputs = model.predict(inputs=[Inputs.get_input_from_bytes("", image_bytes=Path(name).read_bytes())]).outputs
        writer.writerow([name, outputs[0].data.concepts[0].name, f"{outputs[0].data.concepts[0].value:.2f}"])

print(open("report.csv").read())
