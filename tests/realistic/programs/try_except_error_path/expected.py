import legacy_compat

model = legacy_compat.Model(url="https://clarifai.com/openai/chat-completion/models/gpt-4o")

for question in ["Hello there", "PLEASE-FAIL this one", "Goodbye"]:
    try:
        # TODO(legacy-compat LC004): the response is read as .outputs.[0].data.text.raw.[:] and keeps the legacy MultiOutputResponse shape: change that code to use the value model.predict(...) returns, then migrate the call and drop legacy_compat.Model
        response = model.predict_by_bytes(question.encode(), input_type="text")
        print("ok:", response.outputs[0].data.text.raw[:40])
    except Exception as error:  # one bad prompt must not stop the batch
        print("failed:", type(error).__name__)
