from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
result = model.predict_by_url("https://samples.clarifai.com/tone.wav", input_type="audio")
print(result.outputs[0].data.text.raw)
