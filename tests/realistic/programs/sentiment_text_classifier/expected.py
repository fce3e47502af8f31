import legacy_compat

classifier = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/sentiment-analysis-twitter-roberta")

reviews = ["I love this phone", "Worst purchase ever"]
for review in reviews:
    # TODO(legacy-compat LC004): the response list of concepts is used in a way the codemod does not recognise and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
    result = classifier.predict_by_bytes(review.encode("utf-8"), input_type="text")
    top = max(result.outputs[0].data.concepts, key=lambda c: c.value)
    print(f"{review!r}: {top.name} ({top.value:.2f})")
