#!/usr/bin/env bash
# Install the named Debian packages (as root, or through sudo): for tools the tests need
# that a fresh machine may lack, such as npm for the JavaScript linter.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/ensure-apt.sh PACKAGE..." >&2; exit 2; }
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "error: $* missing and not root; install them with apt-get, then run again." >&2
    exit 2
  fi
fi
# `make test` installs side by side: two of these at once would meet dpkg's lock and fail.
exec 9>"${TMPDIR:-/tmp}/service-guides-apt.lock"
flock 9
echo "Installing $* from Debian ..."
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "$@"
