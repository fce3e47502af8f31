from clarifai.client.input import Inputs
from clarifai.client.model import Model
from clarifai_grpc.grpc.api.status import status_code_pb2

model = Model(url="https://clarifai.com/clarifai/main/models/general-image-recognition")


def tags_for(url):
    response = model.predict(inputs=[Inputs.get_input_from_url("", image_url=url)])
    if response.status.code != status_code_pb2.SUCCESS:
        raise Exception(f"Post model outputs failed, status: {response.status.description}")
    return [concept.name for concept in response.outputs[0].data.concepts]


print(tags_for("https://samples.clarifai.com/dog.jpg"))
