#!/usr/bin/env bash
# Makes sure the tools the tests need are on this machine: Java 17+ and Maven (the local Neo4j) and
# Debian's Chromium (the browser tests), Python 3 with venv (schemathesis, installed from PyPI by its test). Installs what is missing with apt-get when run as root;
# otherwise says what to install. Run by `npm test` before the suite.
set -euo pipefail
missing=()
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then missing+=(openjdk-17-jdk-headless); fi
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing: $packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq $packages >/dev/null
else
  echo "The tests need: $packages. Install them (e.g. sudo apt-get install -y $packages)," >&2
  echo "or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
