#!/bin/sh
# Makes the YOLO networks the video and mask use cases run, once, in yolo/ beside this script:
# Debian darknet's cfg files (batch 1, 416x416) and weights that darknet itself initialises at
# random (`darknet partial CFG "" OUT 1000`). The architecture, tensor shapes, parameter count,
# file size and FLOPs are YOLO's; the detections mean nothing (no trained weights can be
# downloaded here).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/yolo"
for net in yolov3-tiny yolov3; do
  [ -f "$here/yolo/$net.weights" ] && continue
  sed 's/^batch=.*/batch=1/; s/^subdivisions=.*/subdivisions=1/; s/^width=.*/width=416/; s/^height=.*/height=416/' \
    "/usr/share/darknet/cfg/$net.cfg" > "$here/yolo/$net.cfg"
  darknet partial "$here/yolo/$net.cfg" "" "$here/yolo/$net.weights.tmp" 1000 > "$here/yolo/$net.log" 2>&1
  mv "$here/yolo/$net.weights.tmp" "$here/yolo/$net.weights"
done
cp /usr/share/darknet/data/coco.names "$here/yolo/coco.names"
