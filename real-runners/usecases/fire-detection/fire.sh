#!/bin/sh
# The fire-detection function (OSCAR script): a colour-rule detector on one camera frame.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 "$here/fire.py"
