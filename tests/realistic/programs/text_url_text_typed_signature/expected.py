from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Text

ARTICLE_URL = "https://samples.clarifai.com/hello.txt"

summarizer = Model(url="https://clarifai.com/cohere/summarize/models/command-r-summarizer")
summary = summarizer.predict(text=Text("", url=ARTICLE_URL))
print(summary)
