from pathlib import Path

from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Audio

model = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
words = [r for r in model.generate(audio=Audio(bytes=Path("tone.wav").read_bytes()))]
print("|".join(words))
