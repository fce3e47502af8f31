from clarifai.client import Model

model = Model(url="https://clarifai.com/anthropic/completion/models/claude-3_5-sonnet", pat="fake-pat-for-tests")
prediction = model.predict(prompt="Write a haiku about the sea.", max_tokens=30, temperature=0.9)
print(prediction)
