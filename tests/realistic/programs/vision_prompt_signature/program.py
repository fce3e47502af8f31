from clarifai.client.model import Model

vlm = Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
answer = vlm.predict_by_filepath("dog.jpg", "image", inference_params={"prompt": "How many animals?", "max_tokens": 20})
print(answer.outputs[0].data.text.raw)
