#!/usr/bin/python3
"""Measures the fire detector's work on this machine's CPU, for calibration/upv-openstack.yaml.

OSCAR's fire-detection example (grycap/oscar examples/fire-detection: Dockerfile, script.sh,
inference_ff_oscar.py) runs, per image, a fresh `python3 inference_ff_oscar.py --model
shufflenetonfire` on the CPU with torch.set_num_threads(1): Python starts, imports PyTorch,
torchvision, OpenCV and PIL, builds a ShuffleNetV2 0.5x (stages [4, 8, 4], channels
[24, 48, 96, 192, 64], 1 class), loads its weights, classifies the full frame at 224x224, then
splits the 224x224 frame into SLIC superpixels (region 22, 10 iterations) and classifies each one
(one forward pass per superpixel), draws their contours, scales the frame back up and writes it
and a FIRE/NO_FIRE text file. The published weights are not reachable from here; the time does
not depend on their values, so random ones of the same shape are used (as the real-run probe does
for YOLO). The camera frame is taken as 1280x720 (assumed: the source does not say).

Prints (medians, JSON):
  model_ms_1_thread: one 224x224 forward pass of torchvision's shufflenet_v2_x0_5, warm, the model
    PyTorch's Raspberry Pi 4 tutorial times (18.2 ms "model time" per frame, 4 threads)
  job_script_s: the whole per-image script in a fresh process on one core (taskset -c 0,
    torch.set_num_threads(1): the pod's 1-vCPU limit)
Needs Debian's python3-torch, python3-torchvision, python3-opencv (not part of the test set-up).
Usage: /usr/bin/python3 calibration/measure/fire_detection_cnn.py [--runs N]"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

JOB = r'''
import sys
import cv2, numpy, torch, torchvision
import torchvision.transforms as transforms
from PIL import Image
torch.set_num_threads(1)
net = torchvision.models.ShuffleNetV2([4, 8, 4], [24, 48, 96, 192, 64], num_classes=1)
net.load_state_dict(torch.load(sys.argv[1]))
net.eval()
norm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
def classify(rgb):
    return torch.round(torch.sigmoid(net(norm(Image.fromarray(rgb)).float().unsqueeze(0))))
frame = cv2.imread(sys.argv[2])
height, width, _ = frame.shape
small = cv2.resize(frame, (224, 224), cv2.INTER_AREA)
with torch.no_grad():
    label = "FIRE" if int(classify(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))) == 0 else "NO_FIRE"
    slic = cv2.ximgproc.createSuperpixelSLIC(small, region_size=22)
    slic.iterate(10)
    segments = slic.getLabels()
    for value in numpy.unique(segments):
        mask = numpy.zeros(small.shape[:2], dtype="uint8")
        mask[segments == value] = 255
        contours, _ = cv2.findContours(mask, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
        part = cv2.cvtColor(cv2.bitwise_and(small, small, mask=mask), cv2.COLOR_BGR2RGB)
        colour = (0, 0, 255) if int(classify(part)) == 1 else (0, 255, 0)
        cv2.drawContours(small, contours, -1, colour, 1)
cv2.imwrite(sys.argv[3] + "/output.jpg", cv2.resize(small, (width, height), cv2.INTER_AREA))
open(sys.argv[3] + "/output.txt", "w").write(label)
print(len(numpy.unique(segments)))
'''


def model_ms(threads, runs=50):
    import torch
    import torchvision
    torch.set_num_threads(threads)
    net = torchvision.models.shufflenet_v2_x0_5().eval()
    x = torch.rand(1, 3, 224, 224)
    times = []
    with torch.no_grad():
        for i in range(10 + runs):
            t = time.perf_counter()
            net(x)
            if i >= 10:
                times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
    import cv2
    import numpy
    import torch
    import torchvision
    with tempfile.TemporaryDirectory() as tmp:
        weights = os.path.join(tmp, "shufflenet_ff.pt")
        torch.manual_seed(1)
        torch.save(torchvision.models.ShuffleNetV2([4, 8, 4], [24, 48, 96, 192, 64], num_classes=1).state_dict(), weights)
        image = os.path.join(tmp, "frame.jpg")
        rng = numpy.random.default_rng(1)
        cv2.imwrite(image, rng.integers(0, 256, (720, 1280, 3), dtype=numpy.uint8))
        script = os.path.join(tmp, "job.py")
        with open(script, "w") as f:
            f.write(JOB)
        job = []
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run(["taskset", "-c", "0", sys.executable, script, weights, image, tmp], check=True,
                               capture_output=True, text=True)
            job.append(time.perf_counter() - t)
            superpixels = int(p.stdout.split()[-1])
    print(json.dumps({"model_ms_1_thread": round(model_ms(1), 2), "superpixels": superpixels,
                      "job_script_s": round(statistics.median(job), 3), "job_script_runs_s": [round(j, 3) for j in job],
                      "cpu": open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(": \t"),
                      "torch": torch.__version__}, indent=1))


if __name__ == "__main__":
    main()
