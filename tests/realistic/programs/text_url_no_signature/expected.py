import legacy_compat

summarizer = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/text-summarization")
# TODO(legacy-compat LC001): a text URL has no new-style value: download the text and call model.predict(prompt=text), then drop legacy_compat.Model
summary = summarizer.predict_by_url("https://samples.clarifai.com/hello.txt", input_type="text")
print(summary.outputs[0].data.text.raw)
