#!/bin/sh
# Input command of the audio2srt use case (scenario `real.inputs`): writes to $1 a WAV of
# CONTSIM_ATTR_duration_s seconds of English speech made by espeak-ng (22,050 Hz mono),
# its sentences chosen from the list below by CONTSIM_SEED. Silence pads it, or a cut ends it, at the duration.
set -eu
dur=${CONTSIM_ATTR_duration_s:-10}
seed=${CONTSIM_SEED:-1}
here=$(cd "$(dirname "$0")" && pwd)
text=$(/usr/bin/python3 - "$seed" "$dur" <<'PY'
import random, sys
sentences = [
    "The quick brown fox jumps over the lazy dog.",
    "Serverless functions run when a file lands in a bucket.",
    "Every video is split into frames and every frame is analysed.",
    "The cluster adds a node when jobs wait for too long.",
    "A remote graphics card can serve several clients at once.",
    "Speech is turned into subtitles with time stamps.",
    "The results are uploaded to the output folder one by one.",
    "Cold starts make the first invocation slower than the others.",
]
rng = random.Random(int(sys.argv[1]))
words_per_second = 2.5
n_words = int(float(sys.argv[2]) * words_per_second * 0.8)
out, count = [], 0
while count < n_words:
    s = rng.choice(sentences)
    out.append(s)
    count += len(s.split())
print(" ".join(out))
PY
)
tmp="$1.tmp.wav"
espeak-ng -s 150 -w "$tmp" "$text"
have=$(soxi -D "$tmp")
pad=$(/usr/bin/python3 -c "print(max(0.0, float('$dur') - float('$have')))")
sox "$tmp" "$1" pad 0 "$pad" trim 0 "$dur"
rm -f "$tmp"
