#!/usr/bin/python3
"""pocketsphinx_continuous -time yes output (`word start end confidence` per line, plus
<s>, </s>, <sil> and filler tokens) to SubRip: a cue per run of words, cut at a silence of
0.3 s or more, at 10 words or at 4 s."""
import sys


def stamp(t):
    ms = int(round(t * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def main(path):
    words = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            w = parts[0]
            try:
                start, end = float(parts[1]), float(parts[2])
            except ValueError:
                continue
            if w.startswith("<") or w.startswith("[") or w.startswith("++"):
                continue
            words.append((w.split("(")[0], start, end))
    cues, cur = [], []
    for w in words:
        if cur and (w[1] - cur[-1][2] >= 0.3 or len(cur) >= 10 or w[2] - cur[0][1] > 4):
            cues.append(cur)
            cur = []
        cur.append(w)
    if cur:
        cues.append(cur)
    for i, c in enumerate(cues, 1):
        print(i)
        print(f"{stamp(c[0][1])} --> {stamp(c[-1][2])}")
        print(" ".join(w[0] for w in c))
        print()


if __name__ == "__main__":
    main(sys.argv[1])
