from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-video-recognition")
count = 0
for frame_result in model.generate_by_url("https://samples.clarifai.com/clip.mp4", input_type="video"):
    count += 1
    print(count, frame_result.outputs[0].data.text.raw)
