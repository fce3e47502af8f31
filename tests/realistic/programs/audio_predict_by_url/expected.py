from clarifai.client.input import Inputs
from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
result = model.predict(inputs=[Inputs.get_input_from_url("", audio_url="https://samples.clarifai.com/tone.wav")])
print(result.outputs[0].data.text.raw)
