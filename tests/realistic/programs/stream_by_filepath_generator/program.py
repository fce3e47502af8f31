from clarifai.client.model import Model

files = ["dog.jpg", "cat.png"]
captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")

results = captioner.stream_by_filepath((name for name in files), input_type="image")
for name, result in zip(files, results):
    print(name, result.outputs[0].data.text.raw)
