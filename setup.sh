#!/usr/bin/env bash
# One command for everything: installs what is missing (Debian 12), builds, then
#   ./setup.sh run    runs the bundled scenario, prints its summary and draws its report
#   ./setup.sh test   runs the whole test suite, then again built with ASan + UBSan
#   ./setup.sh bench  runs the 1,000,000-invocation benchmark scenario
#   ./setup.sh real   runs a bundled use case for real on this machine (real-runners/README.md)
# Then, optionally: cmake --install build --prefix ~/.local (contsim from any directory).
set -euo pipefail
cd "$(dirname "$0")"
action="${1:-run}"

packages=(build-essential cmake ninja-build pkg-config git libsimgrid-dev libyaml-cpp-dev nlohmann-json3-dev
          libeigen3-dev libspdlog-dev libboost-dev libboost-program-options-dev libboost-graph-dev libgtest-dev libbenchmark-dev
          libcurl4-openssl-dev libzstd-dev zstd python3-matplotlib python3-zstandard)
# The report test renders report.html in a headless browser; the real-run tests run the use
# cases for real (real-runners/README.md): the sandbox, the use cases' tools, node for s3rver.
real_packages=(bubblewrap ncbi-blast+ ffmpeg pocketsphinx pocketsphinx-en-us espeak-ng sox python3-opencv opencv-data darknet
               podman runc debootstrap uidmap slirp4netns fuse-overlayfs)
if [ "$action" = "test" ] || [ "$action" = "real" ]; then
  packages+=("${real_packages[@]}")
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
# The sweep tests: a real single-node Slurm (slurmctld, slurmd, munge) and PyYAML for the
# Kubernetes manifest's checks.
# The report tests: JSON Schemas of summary.json / sweep.json, and the pandas example.
if [ "$action" = "test" ]; then packages+=(chromium slurm-wlm munge python3-yaml python3-jsonschema python3-pandas); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # Installed, not started: the tests start their own Slurm and munged (private ports, socket,
  # key) and stop them by PID; a policy-rc.d keeps the packages from starting system daemons.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee /usr/sbin/policy-rc.d >/dev/null
    $sudo_cmd chmod 755 /usr/sbin/policy-rc.d; policy_added=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
  [ -n "$policy_added" ] && $sudo_cmd rm -f /usr/sbin/policy-rc.d
  [ "${status:-0}" -eq 0 ] || exit "$status"
fi

# s3rver, the real runs' S3 server (npm; the version is pinned in real-runners/local/package.json)
if { [ "$action" = "test" ] || [ "$action" = "real" ]; } && [ ! -d real-runners/local/node_modules/s3rver ]; then
  echo "setup: installing s3rver (npm)"
  npm install --prefix real-runners/local --no-audit --no-fund --loglevel=error >/dev/null
fi

werror=OFF; [ "${CI:-}" = "true" ] && werror=ON
# Profile-guided build (CMakeLists.txt; CONTSIM_PGO=0 skips it): an instrumented contsim in
# build-train/ runs the bundled scenarios (tests/bench/train_profile.sh), then build/ is compiled
# by its profiles. Both builds are incremental; the training takes seconds.
profiles=""
if [ "${CONTSIM_PGO:-1}" != 0 ]; then
  profiles="$PWD/build-train/profiles"
  cmake -S . -B build-train -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONTSIM_WERROR=$werror -DBUILD_TESTING=OFF \
        -DCONTSIM_PROFILE_GENERATE="$profiles" >/dev/null
  cmake --build build-train -j "$(nproc)" --target contsim
  tests/bench/train_profile.sh build-train/contsim "$profiles"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONTSIM_WERROR=$werror -DCONTSIM_PROFILE_USE="$profiles" >/dev/null
# `run`, `bench` and `real` build contsim alone; `test` builds the tests and benchmarks too.
if [ "$action" = "test" ]; then
  cmake --build build -j "$(nproc)"
else
  cmake --build build -j "$(nproc)" --target contsim
fi

case "$action" in
  run)   ./build/contsim run scenarios/paper/av-workflow.yaml -o out/av-workflow
         ./build/contsim report out/av-workflow ;;
  test)  ctest --test-dir build -j "$(nproc)" --output-on-failure
         # The same tests under AddressSanitizer + UndefinedBehaviorSanitizer, but the real runs,
         # the report's browser tests and the million-invocation goldens (label slow). Warnings
         # are the release build's to fail on: with -fsanitize GCC 12 reports false
         # maybe-uninitialized ones inside libstdc++'s <regex>.
         cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONTSIM_SANITIZE=ON \
               -DCONTSIM_WERROR=OFF -DCONTSIM_FUZZ_CASES=100 >/dev/null
         cmake --build build-sanitize -j "$(nproc)"
         ctest --test-dir build-sanitize -j "$(nproc)" -LE slow -E '^Report[.]' --output-on-failure ;;
  bench) ./build/contsim run scenarios/bench/lambda-1m.yaml -o out/lambda-1m ;;
  real)  ./build/contsim real scenarios/real/audio2srt-local.yaml -o out/real-audio2srt ;;
  *)     echo "usage: ./setup.sh [run|test|bench|real]" >&2; exit 2 ;;
esac
