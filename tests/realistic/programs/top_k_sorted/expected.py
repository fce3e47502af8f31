import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")
# TODO(legacy-compat LC004): the response list of concepts is used in a way the codemod does not recognise and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
res = model.predict_by_bytes(open("cat.png", "rb").read(), input_type="image")
top2 = sorted(res.outputs[0].data.concepts, key=lambda c: c.value, reverse=True)[:2]
for rank, concept in enumerate(top2, start=1):
    print(rank, concept.name)
