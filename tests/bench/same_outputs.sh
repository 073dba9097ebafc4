#!/usr/bin/env bash
# Runs every bundled scenario with two contsim builds and compares every output file byte for
# byte (summary.json without its git_sha line): a performance change must not change a result.
#   tests/bench/same_outputs.sh BEFORE/contsim AFTER/contsim [extra run options...]
set -euo pipefail
before="$1"; after="$2"; shift 2
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
status=0; count=0
while IFS= read -r scenario; do
  id="${scenario#scenarios/}"; id="${id%.yaml}"; id="${id//\//_}"
  for side in before after; do
    bin="$before"; [ "$side" = after ] && bin="$after"
    if ! "$bin" run "$scenario" -o "$work/$side/$id" "$@" >/dev/null 2>"$work/$side-$id.err"; then
      echo "FAIL  $scenario: the $side build failed: $(tail -1 "$work/$side-$id.err")"; status=1; continue 2
    fi
    sed -i '/"git_sha"/d' "$work/$side/$id/summary.json"
  done
  if diff -r "$work/before/$id" "$work/after/$id" >/dev/null; then
    count=$((count + 1))
  else
    echo "DIFF  $scenario:"; { diff -rq "$work/before/$id" "$work/after/$id" || true; } | head -5; status=1
  fi
done < <(find scenarios -name '*.yaml' -not -path 'scenarios/fdl/*' -not -path 'scenarios/sweeps/*' | sort)
echo "$count scenarios with byte-identical outputs"
exit $status
