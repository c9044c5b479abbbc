#!/usr/bin/env bash
# Sets up samen on a fresh Debian machine (as root) and runs it.
#   tools/setup.sh run    install what is missing, build (Release), survey the baseline, run and
#                         compare the default batch of policy options, write its HTML report
#   tools/setup.sh test   install what is missing, check the formatting (clang-format), build
#                         (Release) and run every test (CTest), then build the tests with
#                         AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/) and
#                         run the quick ones: what CI runs (tools/check.sh has the parts)
# Set CMAKE_CXX_COMPILER_LAUNCHER=ccache in the environment to use ccache locally.
set -euo pipefail

mode="${1:-run}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${SAMEN_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(g++ make cmake libboost-program-options-dev libboost-random-dev libtbb-dev
          libhdf5-dev catch2 librandom123-dev python3-matplotlib python3-h5py python3-numpy
          python3-pandas libopenmpi-dev openmpi-bin)
# The tests open the HTML report in a headless browser; CI checks the formatting.
if [ "$mode" = test ]; then packages+=(chromium clang-format); fi

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

# Formatting first: it takes a second and needs no build.
if [ "$mode" = test ]; then bash "$root/tools/check.sh" format; fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSAMEN_WERROR=ON >/dev/null
# The main job needs only the samen command; the tests need everything.
if [ "$mode" = run ]; then target=(--target samen); else target=(); fi
cmake --build "$build" -j"$jobs" "${target[@]}"

case "$mode" in
  run)
    # The main job: the baseline's survey, then the default batch (baseline and
    # the eight policy options, 20 replicates) and its comparison with plots.
    mkdir -p "$root/results"
    "$build/samen" survey "$root/scenarios/baseline.ini" -q \
      --csv "$root/results/baseline_survey.csv" --h5 "$root/results/baseline_survey.h5"
    out="$root/results/policy_options"
    # --overwrite: the main job always shows what this build computes.
    "$build/samen" batch "$root/scenarios/policy_options.ini" --out "$out" --overwrite
    options=()
    for f in "$out"/*.h5; do [ "$(basename "$f")" = baseline.h5 ] || options+=("$f"); done
    "$build/samen" compare "$out/baseline.h5" "${options[@]}" --csv "$out/comparison.csv" \
      --plot "$out/plots" --rank-by reach_flow_migrant
    "$build/samen" report "$out" --survey "$root/results/baseline_survey.h5" --html "$out/report.html"
    echo
    echo "samen: the survey of the baseline: results/baseline_survey.csv (and .h5)"
    echo "samen: the comparison table: results/policy_options/comparison.csv"
    echo "samen: the plots: results/policy_options/plots/ (forest.png, timeseries_<outcome>.png)"
    echo "samen: the report: results/policy_options/report.html (one page, open it in a browser)"
    ;;
  test)
    (cd "$build" && ctest --output-on-failure -j"$jobs")
    SAMEN_ASAN_BUILD_DIR="${SAMEN_ASAN_BUILD_DIR:-$build-asan}" bash "$root/tools/check.sh" asan
    ;;
  *)
    echo "usage: tools/setup.sh run|test" >&2
    exit 2
    ;;
esac
