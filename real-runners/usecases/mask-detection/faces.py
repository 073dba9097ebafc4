#!/usr/bin/python3
"""Blurs the faces in every JPEG of IN_DIR (OpenCV's frontal-face Haar cascade from Debian's
opencv-data) and writes the frames to OUT_DIR under the same names; prints how many faces."""
import glob
import os
import sys

import cv2

CASCADE = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml"


def main(in_dir, out_dir):
    cascade = cv2.CascadeClassifier(CASCADE)
    if cascade.empty():
        sys.exit("cannot load " + CASCADE)
    total = 0
    for path in sorted(glob.glob(os.path.join(in_dir, "*.jpg"))):
        img = cv2.imread(path)
        grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        faces = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(24, 24))
        for (x, y, w, h) in faces:
            img[y:y + h, x:x + w] = cv2.GaussianBlur(img[y:y + h, x:x + w], (51, 51), 30)
        total += len(faces)
        cv2.imwrite(os.path.join(out_dir, os.path.basename(path)), img)
    print(f"{total} faces blurred")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
