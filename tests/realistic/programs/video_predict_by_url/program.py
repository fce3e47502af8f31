from clarifai.client.model import Model

VIDEO_URL = "https://samples.clarifai.com/clip.mp4"

video_model = Model(url="https://clarifai.com/clarifai/main/models/general-video-recognition")
prediction = video_model.predict_by_url(VIDEO_URL, input_type="video")
print(prediction.outputs[0].data.text.raw)
