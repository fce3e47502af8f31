import legacy_compat

ARTICLE_URL = "https://samples.clarifai.com/hello.txt"

summarizer = legacy_compat.Model(url="https://clarifai.com/cohere/summarize/models/command-r-summarizer")
# TODO(legacy-compat LC001): a text URL has no new-style value: download the text and call model.predict(prompt=text), then drop legacy_compat.Model
summary = summarizer.predict_by_url(ARTICLE_URL, input_type="text")
print(summary.outputs[0].data.text.raw)
