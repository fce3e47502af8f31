"""Where the models live and which samples to use (read from the environment)."""

import os
from pathlib import Path

PAT = os.environ.get("CLARIFAI_PAT")

TAGGER_URL = "https://clarifai.com/clarifai/main/models/general-image-recognition"
CAPTIONER_URL = "https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"
WRITER_URL = "https://clarifai.com/meta/Llama-3/models/llama-3_2-3b-instruct"
TRANSCRIBER_URL = "https://clarifai.com/openai/whisper/models/whisper-large-v3"

PHOTO_URL = os.environ.get("PHOTO_URL", "https://samples.clarifai.com/metro-north.jpg")
SECOND_PHOTO_URL = os.environ.get("SECOND_PHOTO_URL", "https://samples.clarifai.com/dog2.jpeg")

DATA = Path(__file__).resolve().parent / "data"
