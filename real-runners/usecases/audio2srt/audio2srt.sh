#!/bin/sh
# The audio2srt function (OSCAR script): ffmpeg turns the input into 16 kHz 16-bit mono WAV,
# pocketsphinx_continuous transcribes it with word times (-time yes), words2srt.py groups the
# words into SubRip cues. Output: NAME.srt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$INPUT_FILE_PATH")
name=${name%.*}
M=/usr/share/pocketsphinx/model/en-us
ffmpeg -nostdin -loglevel error -y -i "$INPUT_FILE_PATH" -vn -ac 1 -ar 16000 -sample_fmt s16 "$TMP_INPUT_DIR/audio16k.wav"
pocketsphinx_continuous -infile "$TMP_INPUT_DIR/audio16k.wav" -hmm "$M/en-us" -lm "$M/en-us.lm.bin" \
  -dict "$M/cmudict-en-us.dict" -time yes -logfn /dev/null > "$TMP_INPUT_DIR/words.txt"
/usr/bin/python3 "$here/words2srt.py" "$TMP_INPUT_DIR/words.txt" > "$TMP_OUTPUT_DIR/$name.srt"
