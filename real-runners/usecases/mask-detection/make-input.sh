#!/bin/sh
# Input command of the mask-detection use case: a video of CONTSIM_ATTR_duration_s seconds
# panning across a photograph of people (Debian darknet's person.jpg), for the face detector.
set -eu
VIDEO_FROM_IMAGE=/usr/share/darknet/data/person.jpg
export VIDEO_FROM_IMAGE
exec "$(cd "$(dirname "$0")" && pwd)/../common/make-video.sh" "$1"
