"""Tag video frames as they are read (a frame-by-frame script, no signatures file)."""
from pathlib import Path

from clarifai.client.model import Model

FRAMES = ["dog.jpg", "cat.png", "dog.jpg"]

tagger = Model(url="https://clarifai.com/acme/video-tools/models/frame-tagger")


def read_frames():
    for name in FRAMES:
        yield Path(name).read_bytes()


for response in tagger.stream_by_bytes(read_frames(), input_type="image"):
    print(response.outputs[0].data.text.raw)
