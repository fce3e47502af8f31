from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Audio

model = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
result = model.predict(audio=Audio(url="https://samples.clarifai.com/tone.wav"))
print(result)
