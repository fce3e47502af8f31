from models import get_llm

answer = get_llm().predict_by_bytes(b"Make a title for a dog photo", input_type="text")
print(answer.outputs[0].data.text.raw)
