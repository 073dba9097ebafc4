#!/bin/sh
# anon-and-split (OSCAR script, after grycap/blurry-faces): keeps one frame every FRAME_EVERY_S
# seconds of the input video (default 1; E6 used 5), blurs the faces OpenCV's Haar cascade
# finds in each (faces.py), and leaves them as NAME-001.jpg, ... for the mask detector.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$INPUT_FILE_PATH")
name=${name%.*}
every=${FRAME_EVERY_S:-1}
ffmpeg -nostdin -loglevel error -y -i "$INPUT_FILE_PATH" -vf "fps=1/$every" -q:v 2 "$TMP_INPUT_DIR/$name-%03d.jpg"
/usr/bin/python3 "$here/faces.py" "$TMP_INPUT_DIR" "$TMP_OUTPUT_DIR"
