#!/bin/sh
# Input command of the BLAST use case (scenario `real.inputs`): writes one protein query of
# CONTSIM_ATTR_length_aa residues to $1, deterministic from CONTSIM_SEED. The database it is
# cut from (2,000 sequences of ~500 aa, seed 42) is built once beside this script, in db/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
db="$here/db"
if [ ! -f "$db/protdb.pin" ]; then
  mkdir -p "$db"
  /usr/bin/python3 "$here/gen_seqs.py" db --count 2000 --length 500 --seed 42 > "$db/prot_db.fa.tmp"
  mv "$db/prot_db.fa.tmp" "$db/prot_db.fa"
  makeblastdb -in "$db/prot_db.fa" -dbtype prot -out "$db/protdb" > "$db/makeblastdb.log"
fi
/usr/bin/python3 "$here/gen_seqs.py" query --db "$db/prot_db.fa" --length "${CONTSIM_ATTR_length_aa:-500}" \
  --seed "${CONTSIM_SEED:-1}" > "$1"
