# %% [markdown]
# # Trying Clarifai models
# Set CLARIFAI_PAT before running.

# %%
from clarifai.client.model import Model

# %%
model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")

# %%
model_prediction = model.predict_by_url(url="https://samples.clarifai.com/dog.jpg", input_type="image")

# %%
for concept in model_prediction.outputs[0].data.concepts:
    print(concept.name, concept.value)
