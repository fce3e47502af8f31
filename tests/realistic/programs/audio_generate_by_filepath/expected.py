import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/whisper/models/whisper-large-v3")
# TODO(legacy-compat LC004): the response stream is consumed in a way the codemod does not recognise and keeps the legacy MultiOutputResponse shape: change that code to use the value model.generate(...) returns, then migrate the call and drop legacy_compat.Model
words = [r.outputs[0].data.text.raw for r in model.generate_by_filepath("tone.wav", input_type="audio")]
print("|".join(words))
