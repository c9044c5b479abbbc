#!/usr/bin/env bash
# Checks beyond the ordinary tests (see README, "Contributing").
#   tools/check.sh format   clang-format --dry-run -Werror on every C++ source
#   tools/check.sh asan     build the tests with AddressSanitizer and UndefinedBehaviorSanitizer
#                           (build-asan/) and run the quick ones (CTest label "quick")
#   tools/check.sh tsan     build oneTBB with ThreadSanitizer from the Debian source package,
#                           then samen's tests against it (build-tsan/), and run the tests of
#                           threads and determinism; slow (about half an hour on 2 cores), so it
#                           is not part of CI: run it before a release
# Build folders: SAMEN_ASAN_BUILD_DIR, SAMEN_TSAN_BUILD_DIR (default build-asan, build-tsan);
# the TSan-built oneTBB is kept in SAMEN_TSAN_TBB_DIR (default build-tsan-tbb) for reruns.
# Set CMAKE_CXX_COMPILER_LAUNCHER=ccache in the environment to use ccache locally.
set -euo pipefail

mode="${1:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc 2>/dev/null || echo 2)"

say() { echo "samen check: $*"; }

check_format() {
  if ! command -v clang-format >/dev/null; then
    say "clang-format is not installed (Debian package clang-format)" >&2
    return 1
  fi
  local files=()
  mapfile -d '' files < <(find "$root/include" "$root/sim" "$root/tests" -type f \
    \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
  # --dry-run -Werror prints each difference and fails; the fix is `clang-format -i FILE`.
  if ! clang-format --dry-run -Werror "${files[@]}"; then
    say "format: the files above differ from .clang-format; run 'clang-format -i' on them" >&2
    return 1
  fi
  say "format: ${#files[@]} files formatted as .clang-format says ($(clang-format --version))"
}

check_asan() {
  local build="${SAMEN_ASAN_BUILD_DIR:-$root/build-asan}"
  # -O1 keeps the sanitized tests fast enough for CI; -g1 (line tables) keeps the
  # stack traces' files and lines at a third less compile time than full -g.
  # Unity batches: see SAMEN_UNITY_BUILD in CMakeLists.txt.
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DSAMEN_SANITIZE=address,undefined \
    -DSAMEN_WERROR=ON -DSAMEN_UNITY_BUILD="${SAMEN_UNITY_BUILD:-ON}" >/dev/null
  cmake --build "$build" -j"$jobs"
  # Any report ends the test that made it, so CTest counts it as a failure.
  ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
    ctest --test-dir "$build" --output-on-failure -j"$jobs" -L quick
  say "asan: the quick tests pass under AddressSanitizer and UndefinedBehaviorSanitizer"
}

# oneTBB's Debian build is not instrumented, so TSan sees its synchronisation as
# races (hundreds of false reports); a TSan-built oneTBB from the same source
# package removes them.
build_tsan_tbb() {
  local prefix="$1"
  if [ -f "$prefix/lib/cmake/TBB/TBBConfig.cmake" ]; then
    say "tsan: using the ThreadSanitizer build of oneTBB in $prefix"
    return
  fi
  local work
  work="$(mktemp -d)"
  # apt-get source needs a deb-src line; give apt one in a temporary configuration
  # (this machine's sources, as deb-src), so the system's stays as it is.
  mkdir -p "$work/apt/lists/partial" "$work/apt/sources" "$work/apt/cache/archives/partial"
  local found=0
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" >>"$work/apt/sources/src.list" && found=1
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed 's/^Types:.*$/Types: deb-src/' "$f" >"$work/apt/sources/$(basename "$f")" && found=1
  done
  local apt=(-o Dir::Etc::SourceList="$work/apt/sources/src.list"
             -o Dir::Etc::SourceParts="$work/apt/sources"
             -o Dir::State::Lists="$work/apt/lists"
             -o Dir::Cache="$work/apt/cache" -o Debug::NoLocking=1)
  touch "$work/apt/sources/src.list"
  # The same version as the installed libtbb-dev, whose headers samen compiles against.
  local package version
  package="$(dpkg-query -W -f='${source:Package}' libtbb-dev 2>/dev/null || echo onetbb)"
  version="$(dpkg-query -W -f='${source:Version}' libtbb-dev 2>/dev/null || true)"
  if [ "$found" = 0 ] || ! command -v dpkg-source >/dev/null ||
     ! apt-get "${apt[@]}" update -qq >"$work/apt.log" 2>&1 ||
     ! (cd "$work" && apt-get "${apt[@]}" source -qq "$package${version:+=$version}" \
          >>"$work/apt.log" 2>&1); then
    cat "$work/apt.log" >&2 || true
    say "tsan: cannot fetch the source package of oneTBB (apt-get source $package${version:+=$version})" >&2
    say "tsan: it needs the Debian mirror (deb-src) and dpkg-dev; without a TSan-built oneTBB" >&2
    say "tsan: the check would report hundreds of false races, so it stops here" >&2
    rm -rf "$work"
    return 1
  fi
  local src
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'onetbb-*' | head -1)"
  say "tsan: building oneTBB from $(basename "$src") with -fsanitize=thread into $prefix"
  cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_C_FLAGS="-fsanitize=thread" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" \
    -DTBB_TEST=OFF -DTBB_EXAMPLES=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_INSTALL_LIBDIR=lib >/dev/null
  cmake --build "$work/build" -j"$jobs"
  cmake --install "$work/build" >/dev/null
  rm -rf "$work"
}

check_tsan() {
  local build="${SAMEN_TSAN_BUILD_DIR:-$root/build-tsan}"
  local tbb="${SAMEN_TSAN_TBB_DIR:-$root/build-tsan-tbb}"
  build_tsan_tbb "$tbb"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DSAMEN_SANITIZE=thread -DSAMEN_WERROR=ON \
    -DTBB_DIR="$tbb/lib/cmake/TBB" -DCMAKE_BUILD_RPATH="$tbb/lib" >/dev/null
  cmake --build "$build" -j"$jobs" --target samen_tests
  if ! ldd "$build/samen_tests" | grep -q "$tbb/lib/libtbb"; then
    say "tsan: samen_tests does not load the TSan build of oneTBB from $tbb/lib" >&2
    return 1
  fi
  # The tests that run several threads and compare the results with one thread's,
  # and the batch runner's.
  local log="$build/tsan.log"
  local run=("$build/samen_tests" "*thread*,[determinism],[batch]")
  local status=0
  (cd "$root" && TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:history_size=4" \
    "${run[@]}") >"$log" 2>&1 || status=$?
  if grep -q "unexpected memory mapping" "$log"; then
    # TSan's shadow memory needs a fixed layout, which address randomisation can break.
    say "tsan: retrying without address space randomisation (setarch -R)"
    status=0
    (cd "$root" && TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:history_size=4" \
      setarch "$(uname -m)" -R "${run[@]}") >"$log" 2>&1 || status=$?
  fi
  tail -n 5 "$log"
  local reports
  reports="$(grep -c "WARNING: ThreadSanitizer" "$log" || true)"
  say "tsan: $reports ThreadSanitizer reports (log: $log); tests exit status $status"
  [ "$reports" = 0 ] && [ "$status" = 0 ]
}

case "$mode" in
  format) check_format ;;
  asan) check_asan ;;
  tsan) check_tsan ;;
  *)
    echo "usage: tools/check.sh format|asan|tsan" >&2
    exit 2
    ;;
esac
