#!/usr/bin/env bash
# Install Debian's Chromium, its driver and a CJK font when any is missing.
# Browsers downloaded by test tools cannot be installed offline; Debian's can.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# grep reads all of fc-list's output: with -q it would stop early, fc-list would die of
# SIGPIPE and pipefail would report the font missing on every run.
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing ${need[*]} from Debian ..."
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "error: ${need[*]} missing and not root; install them with apt-get, then run again." >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" fontconfig
