from clarifai.client.model import Model

summarizer = Model(url="https://clarifai.com/clarifai/main/models/text-summarization")
summary = summarizer.predict_by_url("https://samples.clarifai.com/hello.txt", input_type="text")
print(summary.outputs[0].data.text.raw)
