"""libcst codemods that move legacy Clarifai by_* calls to the new inference method.

Nothing here imports the Clarifai SDK or gRPC: the migrate CLI reads code, it never runs it.
"""
