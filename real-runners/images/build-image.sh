#!/bin/sh
# Builds the local podman image of a use case, real-runners/usecases/USECASE/Containerfile, as
# localhost/contsim-USECASE, on a Debian 12 base made here with debootstrap (no registry can be
# reached from these machines). Each step is skipped when its image exists already:
#   1. localhost/contsim-debian:bookworm  debootstrap --variant=minbase, then podman import (~3 min)
#   2. localhost/contsim-USECASE          podman build of the Containerfile (apt-get inside, ~1 min)
# Usage: build-image.sh USECASE [--rebuild]. Needs root, podman, runc and debootstrap (./setup.sh test).
set -eu
usecase=${1:?usage: build-image.sh USECASE [--rebuild]}
rebuild=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
context="$here/../usecases/$usecase"
[ -f "$context/Containerfile" ] || { echo "build-image: no $context/Containerfile" >&2; exit 2; }
mirror=${CONTSIM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base=localhost/contsim-debian:bookworm
image=localhost/contsim-$usecase

if [ "$rebuild" = "--rebuild" ]; then podman rmi -f "$image" >/dev/null 2>&1 || true; fi
if ! podman image exists "$base"; then
  rootfs=$(mktemp -d /var/tmp/contsim-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  echo "build-image: debootstrap bookworm minbase from $mirror (a few minutes)" >&2
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 ||
    { tail -20 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
  rm -f "$rootfs.log"
  tar -C "$rootfs" -c . | podman import - "$base" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi
if ! podman image exists "$image"; then
  echo "build-image: podman build $image" >&2
  podman build --quiet --network host --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
    -t "$image" -f "$context/Containerfile" "$context" >/dev/null
fi
podman image inspect --format '{{.Id}}' "$image"
