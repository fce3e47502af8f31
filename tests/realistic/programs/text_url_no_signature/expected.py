import legacy_compat

summarizer = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/text-summarization")
# TODO(legacy-compat LC001): a text URL reaches a model of the new client only through a Text-typed parameter (model.predict(<parameter>=Text('', url=u))); today legacy_compat raises UserError for this call on a model whose text parameter is a str, and sends the URL to an older model as it is: add the model to a signatures file (legacy-compat signatures MODEL_URL) and run migrate again, or download the text and pass it, then drop legacy_compat.Model
summary = summarizer.predict_by_url("https://samples.clarifai.com/hello.txt", input_type="text")
print(summary.outputs[0].data.text.raw)
