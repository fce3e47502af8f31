# %% [markdown]
# # Trying Clarifai models
# Set CLARIFAI_PAT before running.

# %%
from clarifai.client.model import Model
from clarifai.runners.utils.data_types import Image

# %%
model = Model("https://clarifai.com/clarifai/main/models/general-image-recognition")

# %%
model_prediction = model.predict(image=Image(url="https://samples.clarifai.com/dog.jpg"))

# %%
for concept in model_prediction:
    print(concept.name, concept.value)
