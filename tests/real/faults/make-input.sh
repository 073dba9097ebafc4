#!/bin/sh
# Writes a small text input: its name and seed (tests/real/faults).
set -eu
echo "$CONTSIM_INPUT_NAME $CONTSIM_SEED" > "$1"
