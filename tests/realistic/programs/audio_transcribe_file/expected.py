from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Audio
from pathlib import Path

whisper = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
transcription = whisper.predict(audio=Audio(bytes=Path("tone.wav").read_bytes()))
print("Transcript:", transcription)
