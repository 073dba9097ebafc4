#!/bin/sh
# Makes a test video of CONTSIM_ATTR_duration_s seconds (default 5) at 640x360, 25 fps, H.264,
# into $1: ffmpeg's testsrc2 pattern, or, with VIDEO_FROM_IMAGE=PATH, that still image slowly
# panned (Debian darknet's photographs of people, for the face detector). Also prepares the YOLO
# networks once (prepare-yolo.sh). Deterministic: the same arguments give the same frames.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/prepare-yolo.sh"
dur=${CONTSIM_ATTR_duration_s:-5}
if [ -n "${VIDEO_FROM_IMAGE:-}" ]; then
  ffmpeg -nostdin -loglevel error -y -loop 1 -i "$VIDEO_FROM_IMAGE" -t "$dur" -r 25 \
    -vf "scale=720:-2,crop=640:360:(iw-640)*t/$dur:(ih-360)/2" -c:v libx264 -preset veryfast -pix_fmt yuv420p "$1"
else
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=640x360:rate=25" -t "$dur" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p "$1"
fi
