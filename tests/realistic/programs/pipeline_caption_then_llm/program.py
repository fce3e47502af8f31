from clarifai.client.model import Model

captioner = Model(url="https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip")
writer = Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

caption = captioner.predict_by_filepath("dog.jpg", input_type="image").outputs[0].data.text.raw
prompt = f"Write an alt text for: {caption}"
alt_text = writer.predict_by_bytes(prompt.encode(), input_type="text", inference_params={"max_tokens": 60})
print(alt_text.outputs[0].data.text.raw)
