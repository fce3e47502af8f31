from clarifai.client.model import Model

llm = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o-mini")

r = llm.predict_by_bytes(b"  hello  ", input_type="text")
if r.outputs and r.outputs[0].data.text:
    print(repr(r.outputs[0].data.text.raw.strip()))
