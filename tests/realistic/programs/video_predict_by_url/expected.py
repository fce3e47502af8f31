from clarifai.client.input import Inputs
from clarifai.client.model import Model

VIDEO_URL = "https://samples.clarifai.com/clip.mp4"

video_model = Model(url="https://clarifai.com/clarifai/main/models/general-video-recognition")
prediction = video_model.predict(inputs=[Inputs.get_input_from_url("", video_url=VIDEO_URL)])
print(prediction.outputs[0].data.text.raw)
