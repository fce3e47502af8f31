from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Video

model = Model(url="https://clarifai.com/clarifai/main/models/general-video-recognition")
count = 0
for frame_result in model.generate(video=Video(url="https://samples.clarifai.com/clip.mp4")):
    count += 1
    print(count, frame_result)
