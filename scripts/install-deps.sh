#!/usr/bin/env bash
# Installs every Debian package Kashf needs to build, test, benchmark and demo.
# Idempotent; safe to run repeatedly. Needs root (or sudo) on Debian 12.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config git
  clang     # make test-tsan: ThreadSanitizer build checked with -Wthread-safety (lock annotations)
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3
  libpq-dev  # libpq: the PostgreSQL backends (--db postgresql://...; docs/postgresql.md)
  postgresql-15  # initdb/pg_ctl for the tests' throwaway cluster (tests/support/pg_cluster.sh); its own service is not used
  libyaml-cpp-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libfmt-dev libspdlog-dev
  libicu-dev libsodium-dev libzip-dev libexpat1-dev libxlsxwriter-dev zlib1g-dev
  libcpp-httplib-dev libssl-dev wrk curl
  libglpk-dev  # GLPK: the disclosure audit's linear programs over every released statistics table (issue 20)
  libxgboost-dev  # kashf network learn: gradient-boosted trees over node features, trained on analysts' labels (C API)
  nodejs    # builds the web workbench (npm packages only; npm ships with nodejs on this image, else Debian's npm)
  chromium  # headless browser for the workbench's end-to-end tests (tests/e2e, driven by npm playwright-core)
  r-cran-surveillance  # early warning: the reference the detectors are checked against (src/warning/r_agreement_test.cc, bench/early_warning)
  python3-igraph  # bench/igraph_compare.py: the peer the graph benchmark runs beside (/usr/bin/python3)
  clang-format-14 clang-tidy-14  # make lint: formatting and static checks (.clang-format, .clang-tidy)
  ccache    # compiler cache: the Release, ASan, TSan and fuzz builds and later rebuilds reuse objects (CMake uses it when found)
  clang-14 libclang-rt-14-dev  # fuzz/: libFuzzer harnesses (make fuzz, and briefly in make test); GCC stays the main compiler
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
# Debian's own nodejs package does not ship npm; add Debian's npm package where npm is missing.
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm
fi
