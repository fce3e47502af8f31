from clarifai.client.model import Model

with open("prompt.txt") as handle:
    prompt = handle.read()

llm = Model(url="https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct")
reply = llm.predict(prompt=prompt.decode(), max_tokens=40)
print(reply)
