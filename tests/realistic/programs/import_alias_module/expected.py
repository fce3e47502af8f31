import legacy_compat

vision = legacy_compat.Model(url="https://clarifai.com/qwen/qwen-VL/models/qwen2_5-vl-7b-instruct")
# TODO(legacy-compat LC004): the response stream is consumed in a way the codemod does not recognise and keeps the legacy MultiOutputResponse shape: change that code to use the value model.generate(...) returns, then migrate the call and drop legacy_compat.Model
reply = vision.generate_by_filepath("cat.png", input_type="image")
print("".join(r.outputs[0].data.text.raw for r in reply))
