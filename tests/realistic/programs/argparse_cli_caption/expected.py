"""caption.py IMAGE_URL [--stream]: print a caption of an image."""
import argparse

from clarifai.client.input import Inputs
from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

CAPTION_MODEL = "https://clarifai.com/salesforce/blip/models/general-english-image-caption-blip"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--stream", action="store_true")
    args = parser.parse_args(argv)

    model = Model(url=CAPTION_MODEL)
    if args.stream:
        for part in model.generate(image=Image(url=args.url)):
            print(part, end="", flush=True)
        print()
    else:
        prediction = model.predict(inputs=[Inputs.get_input_from_url("", image_url=args.url)])
        print(prediction.outputs[0].data.text.raw)


if __name__ == "__main__":
    main()
