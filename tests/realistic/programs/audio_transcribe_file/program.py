from clarifai.client.model import Model

whisper = Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
transcription = whisper.predict_by_filepath("tone.wav", input_type="audio")
print("Transcript:", transcription.outputs[0].data.text.raw)
