#!/bin/sh
# mask-detector (OSCAR script): the upstream grycap/mask-detector-yolo is a YOLO; here YOLO on
# OpenCV DNN with generated weights stands in for it (timing real, classes meaningless).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/../common/yolo_cv.py"
