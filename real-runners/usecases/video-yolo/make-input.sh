#!/bin/sh
# Input command of the video-YOLO use case: a testsrc2 video of CONTSIM_ATTR_duration_s seconds.
set -eu
exec "$(cd "$(dirname "$0")" && pwd)/../common/make-video.sh" "$1"
