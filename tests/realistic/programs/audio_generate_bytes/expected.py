from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Audio

audio = Path("tone.wav").read_bytes()
asr = Model(url="https://clarifai.com/facebook/asr/models/asr-wav2vec2-large-robust-ft-swbd-300h-english")

pieces = []
for item in asr.generate(audio=Audio(bytes=audio)):
    pieces.append(item)
print("".join(pieces))
