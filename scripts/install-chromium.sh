#!/usr/bin/env bash
# Installs Debian's chromium, whose headless mode has WebGPU on SwiftShader's
# Vulkan (shipped inside the package), for test/browser. Idempotent: does
# nothing when chromium is present. A full `apt-get update` (every source)
# once hung on a closed network, so when apt does not know the package yet
# this updates only the main archive's list (the deb822 stanza for bookworm,
# not security; no host is written here), with a timeout and retries.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then echo "install-chromium: must run as root" >&2; exit 1; fi

version() { /usr/lib/chromium/chromium --version 2>/dev/null || echo "chromium"; }
if [ -x /usr/lib/chromium/chromium ]; then
  echo "install-chromium: $(version) already installed"; exit 0
fi

have_candidate() {
  apt-cache policy chromium 2>/dev/null | grep -qE 'Candidate: [0-9]'
}

if ! have_candidate; then
  parts=$(mktemp -d)
  trap 'rm -rf "$parts"' EXIT
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Paragraph mode: one deb822 stanza per record.
    awk -v RS= -v ORS='\n\n' '/Suites:[^\n]*bookworm([ \n]|$)/ && !/security/' "$f" >> "$parts/main.sources"
  done
  if [ -s "$parts/main.sources" ]; then
    src=(-o Dir::Etc::sourcelist=- -o Dir::Etc::sourceparts="$parts")
  else
    # One-line sources.list format: keep the bookworm main lines only.
    grep -hE '^deb [^ ]+ bookworm ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null > "$parts/main.list" || true
    [ -s "$parts/main.list" ] || { echo "install-chromium: no bookworm archive found in apt's sources" >&2; exit 1; }
    src=(-o Dir::Etc::sourcelist="$parts/main.list" -o Dir::Etc::sourceparts=-)
  fi
  ok=0
  for attempt in 1 2 3; do
    if timeout 180 apt-get update "${src[@]}" -o APT::Get::List-Cleanup=0 >/dev/null; then ok=1; break; fi
    echo "install-chromium: apt-get update attempt $attempt failed; retrying" >&2
    sleep 5
  done
  [ "$ok" = 1 ] || { echo "install-chromium: could not update the main archive's package list" >&2; exit 1; }
fi

DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q chromium >/dev/null
echo "install-chromium: $(version) installed"
