#!/usr/bin/env bash
# Tag one photo from the command line: scripts/tag_photo.sh PATH_TO_PHOTO
set -euo pipefail

clarifai model predict \
  --model_id general-image-recognition \
  --user_id clarifai \
  --app_id main \
  --file_path "$1" \
  --input_type image
