#!/bin/sh
# yolov3 (OSCAR script): YOLO on one frame with OpenCV DNN (common/yolo_cv.py; the network from
# the FDL's YOLO_NET, default yolov3-tiny), detections as NAME.json.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/../common/yolo_cv.py"
