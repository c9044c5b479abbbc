#!/usr/bin/env bash
# Sets up samen on a fresh Debian machine (as root) and runs it.
#   tools/setup.sh run    install what is missing, build (Release), survey and run the baseline
#   tools/setup.sh test   install what is missing, build (Release), run the tests (CTest)
set -euo pipefail

mode="${1:-run}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SAMEN_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(g++ make cmake libboost-program-options-dev libboost-random-dev libtbb-dev
          libhdf5-dev catch2 librandom123-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "samen setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSAMEN_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs"

case "$mode" in
  run)
    mkdir -p "$root/results"
    "$build/samen" survey "$root/scenarios/baseline.ini" \
      --csv "$root/results/baseline_survey.csv" --h5 "$root/results/baseline_survey.h5"
    "$build/samen" run "$root/scenarios/baseline.ini" --replicates 2 --out "$root/results/baseline.h5"
    last="$("$build/samen" survey "$root/results/baseline.h5" --week 520 -q)"
    echo "samen: after ten simulated years: $last"
    echo "samen: wrote results/baseline_survey.csv, results/baseline_survey.h5 (week 0) and results/baseline.h5 (two replicates, 520 weeks)"
    ;;
  test)
    cd "$build"
    ctest --output-on-failure -j"$jobs"
    ;;
  *)
    echo "usage: tools/setup.sh run|test" >&2
    exit 2
    ;;
esac
