import legacy_compat

DETECTOR = "https://clarifai.com/clarifai/main/models/general-image-detection"

detector = legacy_compat.Model(url=DETECTOR)
# TODO(legacy-compat LC004): the response loop variable region is read as .region_info.bounding_box and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
result = detector.predict_by_url("https://samples.clarifai.com/dog.jpg", input_type="image")

for region in result.outputs[0].data.regions:
    box = region.region_info.bounding_box
    name = region.data.concepts[0].name
    print(f"{name}: top={box.top_row:.3f} left={box.left_col:.3f} bottom={box.bottom_row:.3f} right={box.right_col:.3f}")
