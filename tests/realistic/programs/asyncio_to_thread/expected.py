import asyncio

from clarifai.client.model import Model

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


async def main():
    response = await asyncio.to_thread(model.predict_by_url, "https://samples.clarifai.com/cat.png", "image")
    print(response.outputs[0].data.concepts[0].name)


asyncio.run(main())
