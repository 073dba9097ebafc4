#!/usr/bin/python3
"""Input command of the fire-detection use case: a synthetic forest-camera frame (JPEG,
WIDTHxHEIGHT from CONTSIM_ATTR_width/height, default 1280x720) written to argv[1],
deterministic from CONTSIM_SEED: sky and ground gradients, tree trunks and crowns, noise, and
in about a third of the frames a flickering orange-yellow fire of random size."""
import os
import random
import sys

import cv2
import numpy as np


def main(out):
    seed = int(os.environ.get("CONTSIM_SEED", "1"))
    w = int(float(os.environ.get("CONTSIM_ATTR_width", "1280")))
    h = int(float(os.environ.get("CONTSIM_ATTR_height", "720")))
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    horizon = int(h * rng.uniform(0.35, 0.55))
    # BGR gradients, row by row: blue-grey sky above the horizon, green-brown ground below
    y = np.arange(h, dtype=np.float32)[:, None]
    sky = y / max(1, horizon)
    ground = (y - horizon) / max(1, h - horizon)
    rows = np.where(y < horizon,
                    np.hstack([200 - 60 * sky, 170 - 40 * sky, 140 - 40 * sky]),
                    np.hstack([40 + 10 * ground, 90 - 30 * ground, 50 + 30 * ground]))
    img = np.repeat(rows[:, None, :], w, axis=1).astype(np.uint8)
    for _ in range(rng.randint(8, 20)):  # trees
        x = rng.randint(0, w - 1)
        top = horizon - rng.randint(h // 10, h // 3)
        cv2.rectangle(img, (x - 6, top), (x + 6, horizon + rng.randint(5, 40)), (30, 50, 70), -1)
        cv2.circle(img, (x, top), rng.randint(20, 60), (30, rng.randint(80, 130), 30), -1)
    if rng.random() < 0.35:  # fire
        cx, cy = rng.randint(w // 8, 7 * w // 8), horizon + rng.randint(0, (h - horizon) // 2)
        for _ in range(rng.randint(20, 60)):
            r = rng.randint(5, max(6, w // 40))
            dx, dy = rng.randint(-w // 20, w // 20), rng.randint(-h // 10, 0)
            colour = (rng.randint(0, 60), rng.randint(120, 230), 255)
            cv2.circle(img, (cx + dx, cy + dy), r, colour, -1)
    noise = np_rng.normal(0, 6, img.shape)
    img = np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if not cv2.imwrite(out, img, [cv2.IMWRITE_JPEG_QUALITY, 90]):
        sys.exit("cannot write " + out)


if __name__ == "__main__":
    main(sys.argv[1])
