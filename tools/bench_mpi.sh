#!/usr/bin/env bash
# Replicates (work units) per second of the default batch's small variant on
# this machine, with 1 rank x C threads and C ranks x 1 thread (C: the cores,
# default 2), the median of RUNS runs each, and what handing units out over
# MPI costs per unit (docs/cluster.md reports the figures).
#   tools/bench_mpi.sh                 the small field (5,000 families, 40 weeks)
#   SIZE=region tools/bench_mpi.sh     the default batch's own field and weeks
# Environment: SAMEN (the binary, default build/samen), RUNS (3), CORES (2),
# REPLICATES (16 small, 4 region), MPIRUN (mpirun).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samen="${SAMEN:-$root/build/samen}"
mpirun="${MPIRUN:-mpirun}"
runs="${RUNS:-3}"
cores="${CORES:-2}"
size="${SIZE:-small}"
batch="$root/tests/distributed/policy_options_small.ini"
case "$size" in
  small)
    replicates="${REPLICATES:-16}"
    sets=(--set field.municipalities=4 --set field.families=5000 --set run.burn_in_weeks=15
          --set run.weeks=25) ;;
  region)
    replicates="${REPLICATES:-4}"
    sets=() ;;
  *) echo "bench_mpi.sh: SIZE is 'small' or 'region', not '$size'" >&2; exit 2 ;;
esac
command -v "$mpirun" >/dev/null || { echo "bench_mpi.sh: no '$mpirun' on PATH" >&2; exit 2; }
# Open MPI refuses to start as root (containers, CI) unless told it is meant.
if [ "$(id -u)" = 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# run RANKS THREADS: prints the wall seconds of each run, one a line, into $work/times
run() {
  local ranks="$1" threads="$2" i start end
  : >"$work/times"
  : >"$work/handout"
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$work/out"
    start="$(date +%s.%N)"
    if [ "$ranks" = 1 ]; then
      "$samen" batch "$batch" --replicates "$replicates" --threads "$threads" --out "$work/out" \
        "${sets[@]}" >"$work/log" 2>&1
    else
      # --bind-to none: each rank may use any core (a rank bound to one core
      # would squeeze its threads onto it).
      "$mpirun" -np "$ranks" --oversubscribe --bind-to none "$samen" batch "$batch" \
        --replicates "$replicates" --threads "$threads" --out "$work/out" "${sets[@]}" \
        >"$work/log" 2>&1
    fi
    end="$(date +%s.%N)"
    awk -v a="$start" -v b="$end" 'BEGIN {print b - a}' >>"$work/times"
    sed -n 's/.*hand-out \([0-9.e+-]*\) ms a replicate (\([0-9.e+-]*\)% .*/\1 \2/p' "$work/log" \
      >>"$work/handout"
  done
}

echo "samen bench (MPI): the default batch's scenarios ($size field), $replicates replicates," \
  "median of $runs runs"
for layout in "1 $cores" "$cores 1"; do
  read -r ranks threads <<<"$layout"
  run "$ranks" "$threads"
  seconds="$(median <"$work/times")"
  printf '  %d rank(s) x %d thread(s): %6.2f s, %6.3f replicates/s  (runs: %s)\n' "$ranks" \
    "$threads" "$seconds" "$(awk -v n="$replicates" -v s="$seconds" 'BEGIN {print n / s}')" \
    "$(tr '\n' ' ' <"$work/times" | sed 's/ $//')"
  if [ -s "$work/handout" ]; then
    printf '    hand-out per unit: %s ms, %s%% of a unit (median)\n' \
      "$(cut -d' ' -f1 "$work/handout" | median)" "$(cut -d' ' -f2 "$work/handout" | median)"
  fi
done
