#!/bin/sh
# video-split (OSCAR script): ffmpeg keeps FRAMES_PER_S frames per second of the input video
# (the FDL's environment; default 1) as JPEGs NAME-001.jpg, NAME-002.jpg, ... for YOLO.
set -eu
name=$(basename "$INPUT_FILE_PATH")
name=${name%.*}
ffmpeg -nostdin -loglevel error -y -i "$INPUT_FILE_PATH" -vf "fps=${FRAMES_PER_S:-1}" -q:v 2 \
  "$TMP_OUTPUT_DIR/$name-%03d.jpg"
