#!/usr/bin/python3
"""Synthetic protein sequences for the BLAST use case, deterministic from a seed.

  gen_seqs.py db --count N --length L --seed S        FASTA of N random sequences of about L aa
  gen_seqs.py query --db DB.fa --length L --seed S    one query: a DB fragment of L aa with 15 %
                                                      of its residues mutated (so hits exist)
Residues are drawn with the amino-acid frequencies of UniProtKB/Swiss-Prot (release 2023_01),
so BLAST's statistics behave as on real proteins; the sequences mean nothing."""
import argparse
import random
import sys

AMINO = "ARNDCQEGHILKMFPSTWYV"
FREQ = [8.25, 5.53, 4.06, 5.45, 1.37, 3.93, 6.75, 7.07, 2.27, 5.96,
        9.66, 5.84, 2.42, 3.86, 4.70, 6.56, 5.34, 1.08, 2.92, 6.87]


def residues(rng, n):
    return "".join(rng.choices(AMINO, weights=FREQ, k=n))


def write_fasta(out, name, seq):
    out.write(f">{name}\n")
    for i in range(0, len(seq), 60):
        out.write(seq[i:i + 60] + "\n")


def read_fasta(path):
    seqs, cur = [], []
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                if cur:
                    seqs.append("".join(cur))
                cur = []
            else:
                cur.append(line.strip())
    if cur:
        seqs.append("".join(cur))
    return seqs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["db", "query"])
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--length", type=float, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--db")
    a = p.parse_args()
    rng = random.Random(a.seed)
    length = max(2, int(round(a.length)))
    if a.what == "db":
        for i in range(a.count):
            n = max(50, int(rng.gauss(length, length / 4)))
            write_fasta(sys.stdout, f"db{i:05d}", residues(rng, n))
        return
    db = read_fasta(a.db)
    parts = []
    while sum(map(len, parts)) < length:  # long queries span several DB sequences
        parts.append(rng.choice(db))
    seq = list("".join(parts)[:length])
    for i in range(len(seq)):
        if rng.random() < 0.15:
            seq[i] = rng.choice(AMINO)
    write_fasta(sys.stdout, f"query-{a.seed}-{length}aa", "".join(seq))


if __name__ == "__main__":
    main()
