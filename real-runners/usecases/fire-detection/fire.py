#!/usr/bin/python3
"""The fire-detection function's work: a colour rule on the frame (blur, HSV, the share of
pixels whose hue is orange-yellow and saturation and value high), not the upstream CNN. Writes
NAME.json with the share and the verdict (fire when above 1 %)."""
import json
import os
import sys

import cv2


def main(path, out_dir):
    img = cv2.imread(path)
    if img is None:
        sys.exit(f"cannot read {path} as an image")
    blurred = cv2.GaussianBlur(img, (21, 21), 0)
    hsv = cv2.cvtColor(blurred, cv2.COLOR_BGR2HSV)
    mask = cv2.inRange(hsv, (0, 120, 150), (35, 255, 255))
    share = float(cv2.countNonZero(mask)) / mask.size
    name = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump({"image": os.path.basename(path), "fire_pixel_share": round(share, 6), "fire": share > 0.01}, f)
        f.write("\n")


if __name__ == "__main__":
    main(os.environ["INPUT_FILE_PATH"], os.environ["TMP_OUTPUT_DIR"])
