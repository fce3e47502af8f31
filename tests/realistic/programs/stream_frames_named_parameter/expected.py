"""Tag video frames as they are read (a frame-by-frame script, no signatures file)."""
from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

FRAMES = ["dog.jpg", "cat.png", "dog.jpg"]

tagger = Model(url="https://clarifai.com/acme/video-tools/models/frame-tagger")


def read_frames():
    for name in FRAMES:
        yield Path(name).read_bytes()


for response in tagger.stream(Image(bytes=item) for item in read_frames()):
    print(response)
