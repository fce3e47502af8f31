from clarifai.client.model import Model

classifier = Model(url="https://clarifai.com/clarifai/main/models/sentiment-analysis-twitter-roberta")

reviews = ["I love this phone", "Worst purchase ever"]
for review in reviews:
    result = classifier.predict_by_bytes(review.encode("utf-8"), input_type="text")
    top = max(result.outputs[0].data.concepts, key=lambda c: c.value)
    print(f"{review!r}: {top.name} ({top.value:.2f})")
