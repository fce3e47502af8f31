from clarifai.client.model import Model

ARTICLE_URL = "https://samples.clarifai.com/hello.txt"

summarizer = Model(url="https://clarifai.com/cohere/summarize/models/command-r-summarizer")
summary = summarizer.predict_by_url(ARTICLE_URL, input_type="text")
print(summary.outputs[0].data.text.raw)
