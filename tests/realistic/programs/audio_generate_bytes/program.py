from pathlib import Path

from clarifai.client.model import Model

audio = Path("tone.wav").read_bytes()
asr = Model(url="https://clarifai.com/facebook/asr/models/asr-wav2vec2-large-robust-ft-swbd-300h-english")

pieces = []
for item in asr.generate_by_bytes(audio, input_type="audio"):
    pieces.append(item.outputs[0].data.text.raw)
print("".join(pieces))
