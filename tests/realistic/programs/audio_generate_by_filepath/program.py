from clarifai.client.model import Model

model = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
words = [r.outputs[0].data.text.raw for r in model.generate_by_filepath("tone.wav", input_type="audio")]
print("|".join(words))
