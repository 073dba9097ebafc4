#!/bin/sh
# A function that misbehaves on purpose, by its input's name (tests/real/test_real.py):
#   ok-*    writes NAME.out;      fail-*  prints to stderr and exits 3;
#   slow-*  sleeps past the FDL timeout;  same-*  writes same.out (a second one must not overwrite it)
#   hog-*   allocates past the FDL memory limit
name=$(basename "$INPUT_FILE_PATH" .txt)
case "$name" in
  ok-*)   cp "$INPUT_FILE_PATH" "$TMP_OUTPUT_DIR/$name.out" ;;
  fail-*) echo "boom: $name cannot be processed" >&2; exit 3 ;;
  slow-*) sleep "${SLOW_S:-30}"; cp "$INPUT_FILE_PATH" "$TMP_OUTPUT_DIR/$name.out" ;;
  same-*) cp "$INPUT_FILE_PATH" "$TMP_OUTPUT_DIR/same.out" ;;
  hog-*)  /usr/bin/python3 -c "x = bytearray(400 * 1024 * 1024); print(len(x))" ;;
esac
