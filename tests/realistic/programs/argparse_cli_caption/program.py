"""caption.py IMAGE_URL [--stream]: print a caption of an image."""
import argparse

from clarifai.client.model import Model

CAPTION_MODEL = "https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--stream", action="store_true")
    args = parser.parse_args(argv)

    model = Model(url=CAPTION_MODEL)
    if args.stream:
        for part in model.generate_by_url(args.url, input_type="image"):
            print(part.outputs[0].data.text.raw, end="", flush=True)
        print()
    else:
        prediction = model.predict_by_url(args.url, input_type="image")
        print(prediction.outputs[0].data.text.raw)


if __name__ == "__main__":
    main()
