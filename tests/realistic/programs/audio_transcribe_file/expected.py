from pathlib import Path

from clarifai.client.input import Inputs
from clarifai.client.model import Model

whisper = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
transcription = whisper.predict(inputs=[Inputs.get_input_from_bytes("", audio_bytes=Path("tone.wav").read_bytes())])
print("Transcript:", transcription.outputs[0].data.text.raw)
