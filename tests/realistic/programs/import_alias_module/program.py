import clarifai.client.model as clarifai_model

vision = clarifai_model.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
reply = vision.generate_by_filepath("cat.png", input_type="image")
print("".join(r.outputs[0].data.text.raw for r in reply))
