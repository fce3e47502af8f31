"""libcst codemods that move legacy Clarifai by_* calls to the new inference method.

Nothing here imports the Clarifai SDK or gRPC: the migrate CLI reads code, it never runs it.
"""

#: The distribution's version (both packages ship together as clarifai-legacy-compat); kept
#: here so the migrate CLI can print it without importing the runtime package.
__version__ = "0.1.0"
