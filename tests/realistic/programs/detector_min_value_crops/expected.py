import legacy_compat

detector = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-detection")
# TODO(legacy-compat LC001): output_config has no per-call equivalent in the new method: move what it sets (min_value, max_concepts, select_concepts) into the model's inference parameters or post-filter the result of model.predict(...), then drop legacy_compat.Model
prediction = detector.predict_by_filepath("cat.png", "image", output_config={"min_value": 0.6})
crops = []
for region in prediction.outputs[0].data.regions:
    box = region.region_info.bounding_box
    crops.append((box.left_col, box.top_row, box.right_col, box.bottom_row))
print(crops)
print(prediction.outputs[0].data.text.raw)
