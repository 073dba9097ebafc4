#!/usr/bin/python3
"""YOLO on one image with OpenCV's DNN module: the network of common/yolo/NET.cfg (NET from
$YOLO_NET, default yolov3-tiny) with its generated weights, a 416x416 blob, every output
layer, boxes above $YOLO_THRESHOLD (default 0.25) after non-maximum suppression. Writes
OUT_DIR/NAME.json: the boxes and the forward pass's time."""
import json
import os
import sys
import time

import cv2
import numpy as np


def main(image_path, out_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    net_name = os.environ.get("YOLO_NET", "yolov3-tiny")
    threshold = float(os.environ.get("YOLO_THRESHOLD", "0.25"))
    cv2.setNumThreads(max(1, int(float(os.environ.get("YOLO_THREADS", "1")))))
    net = cv2.dnn.readNetFromDarknet(os.path.join(here, "yolo", net_name + ".cfg"),
                                     os.path.join(here, "yolo", net_name + ".weights"))
    img = cv2.imread(image_path)
    if img is None:
        sys.exit(f"cannot read {image_path} as an image")
    h, w = img.shape[:2]
    blob = cv2.dnn.blobFromImage(img, 1 / 255.0, (416, 416), swapRB=True, crop=False)
    net.setInput(blob)
    t0 = time.perf_counter()
    outputs = net.forward(net.getUnconnectedOutLayersNames())
    forward_s = time.perf_counter() - t0
    boxes, scores, classes = [], [], []
    for out in outputs:
        for det in out:
            s = det[5:]
            c = int(np.argmax(s))
            conf = float(s[c] * det[4])
            # random weights give absurd boxes too (inf, NaN): kept out, as a trained net never makes them
            if conf > threshold and np.all(np.isfinite(det[:4])) and np.all(np.abs(det[:4]) < 1e4):
                cx, cy, bw, bh = det[0] * w, det[1] * h, det[2] * w, det[3] * h
                boxes.append([int(cx - bw / 2), int(cy - bh / 2), int(bw), int(bh)])
                scores.append(conf)
                classes.append(c)
    keep = cv2.dnn.NMSBoxes(boxes, scores, threshold, 0.45) if boxes else []
    keep = [int(i) for i in np.array(keep).flatten()][:100]
    names = open(os.path.join(here, "yolo", "coco.names")).read().split("\n")
    result = {"image": os.path.basename(image_path), "net": net_name, "forward_s": round(forward_s, 6),
              "detections": [{"class": names[classes[i]], "score": round(scores[i], 4), "box": boxes[i]} for i in keep]}
    name = os.path.splitext(os.path.basename(image_path))[0]
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(result, f)
        f.write("\n")


if __name__ == "__main__":
    main(os.environ["INPUT_FILE_PATH"], os.environ["TMP_OUTPUT_DIR"])
