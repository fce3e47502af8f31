import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def predict(source, input_type="image"):
    # TODO(legacy-compat LC001): input_type is not a literal image/text/audio/video: call model.predict(...) with the input as Image(...)/Audio(...)/Video(...) or a str for text, then drop legacy_compat.Model
    response = model.predict_by_filepath(source, input_type=input_type)
    return [concept.name for concept in response.outputs[0].data.concepts]


print(predict("dog.jpg"))
