import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/apparel-detection")
# TODO(legacy-compat LC001): output_config has no per-call equivalent in the new method: move what it sets (min_value, max_concepts, select_concepts) into the model's inference parameters or post-filter the result of model.predict(...), then drop legacy_compat.Model
response = model.predict_by_url(
    "https://samples.clarifai.com/dog.jpg",
    input_type="image",
    output_config={"max_concepts": 3, "min_value": 0.5},
)
print([c.name for c in response.outputs[0].data.concepts])
