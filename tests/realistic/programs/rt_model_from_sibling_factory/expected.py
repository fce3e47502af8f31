from models import get_llm

answer = get_llm().predict(prompt="Make a title for a dog photo")
print(answer)
