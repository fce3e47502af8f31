import legacy_compat

files = ["dog.jpg", "cat.png"]
captioner = legacy_compat.Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")

# TODO(legacy-compat LC004): the response results is used other than in a for loop and keeps the legacy MultiOutputResponse shape: change that code to use the value model.stream(...) returns, then migrate the call and drop legacy_compat.Model
results = captioner.stream_by_filepath((name for name in files), input_type="image")
for name, result in zip(files, results):
    print(name, result.outputs[0].data.text.raw)
