from clarifai.client.model import Model as ClarifaiModel

vision = ClarifaiModel(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
out = vision.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")
print(out.outputs[0].data.text.raw)
