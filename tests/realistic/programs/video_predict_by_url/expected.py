from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Video

VIDEO_URL = "https://samples.clarifai.com/clip.mp4"

video_model = Model(url="https://clarifai.com/clarifai/main/models/general-video-recognition")
prediction = video_model.predict(video=Video(url=VIDEO_URL))
print(prediction)
