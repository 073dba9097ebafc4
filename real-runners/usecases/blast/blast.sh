#!/bin/sh
# The BLAST function (OSCAR script): blastp of the input query against the use case's protein
# database, tabular output (-outfmt 6), one thread per requested vCPU.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$INPUT_FILE_PATH" .fa)
threads=${BLAST_THREADS:-1}
task=blastp
len=$(grep -v '>' "$INPUT_FILE_PATH" | tr -d '\n' | wc -c)
[ "$len" -lt 30 ] && task=blastp-short
blastp -task "$task" -query "$INPUT_FILE_PATH" -db "$here/db/protdb" -num_threads "$threads" \
  -outfmt 6 -max_target_seqs 50 > "$TMP_OUTPUT_DIR/$name.tsv"
