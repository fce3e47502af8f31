"""Photo desk: tags, captions and writes about photos with Clarifai models.

Written against clarifai 11.0 (the predict_by_* / generate_by_* / stream_by_* methods).
Run: CLARIFAI_PAT=... python app.py
"""

from clarifai.client.model import Model

from settings import (
    CAPTIONER_URL,
    DATA,
    PAT,
    PHOTO_URL,
    SECOND_PHOTO_URL,
    TAGGER_URL,
    TRANSCRIBER_URL,
    WRITER_URL,
)


def tag_photos():
    tagger = Model(url=TAGGER_URL, pat=PAT)

    photo_tags = tagger.predict_by_url(PHOTO_URL, input_type="image")
    print("tags for the photo at the URL:")
    for concept in photo_tags.outputs[0].data.concepts:
        print(f"  {concept.name}: {concept.value:.3f}")

    # Local photos go to the office's own deployment.
    office_tagger = Model(url=TAGGER_URL, pat=PAT)
    dog_tags = office_tagger.predict_by_filepath(
        str(DATA / "dog.jpg"), "image", deployment_id="photo-desk-gpu", user_id="photo-desk"
    )
    print("tags for dog.jpg (on our deployment):")
    for concept in dog_tags.outputs[0].data.concepts:
        print(f"  {concept.name}: {concept.value:.3f}")


def caption_photos():
    captioner = Model(url=CAPTIONER_URL, pat=PAT)

    print("caption, as it is written: ", end="")
    for chunk in captioner.generate_by_url(PHOTO_URL, input_type="image"):
        print(chunk.outputs[0].data.text.raw, end="")
    print()

    print("captions for a stream of photos:")
    photos = iter([PHOTO_URL, SECOND_PHOTO_URL])
    for response in captioner.stream_by_url(photos, input_type="image"):
        print("  " + response.outputs[0].data.text.raw)


def write_about_photos():
    writer = Model(url=WRITER_URL, pat=PAT)

    prompt = (DATA / "prompt.txt").read_text().strip()
    reply = writer.predict_by_bytes(prompt.encode(), input_type="text")
    print("reply:", reply.outputs[0].data.text.raw)

    print("reply, as it is written: ", end="")
    for chunk in writer.generate_by_filepath(str(DATA / "question.txt"), input_type="text"):
        print(chunk.outputs[0].data.text.raw, end="")
    print()

    print("replies to a stream of prompts:")
    prompts = iter([b"first light over the river", b"a dog asleep on the porch"])
    for response in writer.stream_by_bytes(prompts, input_type="text"):
        print("  " + response.outputs[0].data.text.raw)

    print("replies to a prompt file, streamed:")
    for response in writer.stream_by_filepath(str(DATA / "question.txt"), input_type="text"):
        print("  " + response.outputs[0].data.text.raw)


def transcribe_memo():
    transcriber = Model(url=TRANSCRIBER_URL, pat=PAT)

    audio = (DATA / "tone.wav").read_bytes()
    print("voice memo: ", end="")
    for chunk in transcriber.generate_by_bytes(audio, input_type="audio"):
        print(chunk.outputs[0].data.text.raw, end="")
    print()


if __name__ == "__main__":
    tag_photos()
    caption_photos()
    write_about_photos()
    transcribe_memo()
