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

exec bash "$(dirname "$0")/ensure-apt.sh" "${need[@]}" fontconfig
