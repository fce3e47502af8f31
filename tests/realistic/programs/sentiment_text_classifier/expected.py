from clarifai.client.input import Inputs
from clarifai.client.model import Model

classifier = Model(url="https://clarifai.com/clarifai/main/models/sentiment-analysis-twitter-roberta")

reviews = ["I love this phone", "Worst purchase ever"]
for review in reviews:
    result = classifier.predict(inputs=[Inputs.get_input_from_bytes("", text_bytes=review.encode("utf-8"))])
    top = max(result.outputs[0].data.concepts, key=lambda c: c.value)
    print(f"{review!r}: {top.name} ({top.value:.2f})")
