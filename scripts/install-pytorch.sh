#!/usr/bin/env bash
# Installs Debian's PyTorch (python3-torch 1.13, CPU, torch.distributed with
# gloo) and numpy for /usr/bin/python3: what `dlnet export --pytorch`'s tests
# run the exported model.py and train.py on. Idempotent: does nothing when
# /usr/bin/python3 already imports torch and numpy. When apt does not know the
# package yet, this updates only the main archive's list (the deb822 stanza
# for bookworm, not security; no host is written here), with a timeout and
# retries, as scripts/install-chromium.sh does.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then echo "install-pytorch: must run as root" >&2; exit 1; fi

version() { /usr/bin/python3 -c 'import torch, numpy; print("torch", torch.__version__, "numpy", numpy.__version__)' 2>/dev/null; }
if v=$(version); then
  echo "install-pytorch: $v already installed"; exit 0
fi

have_candidate() {
  apt-cache policy python3-torch 2>/dev/null | grep -qE 'Candidate: [0-9]'
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
    [ -s "$parts/main.list" ] || { echo "install-pytorch: no bookworm archive found in apt's sources" >&2; exit 1; }
    src=(-o Dir::Etc::sourcelist="$parts/main.list" -o Dir::Etc::sourceparts=-)
  fi
  ok=0
  for attempt in 1 2 3; do
    if timeout 180 apt-get update "${src[@]}" -o APT::Get::List-Cleanup=0 >/dev/null; then ok=1; break; fi
    echo "install-pytorch: apt-get update attempt $attempt failed; retrying" >&2
    sleep 5
  done
  [ "$ok" = 1 ] || { echo "install-pytorch: could not update the main archive's package list" >&2; exit 1; }
fi

DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -q --no-install-recommends python3-torch python3-numpy >/dev/null
v=$(version) || { echo "install-pytorch: installed, but /usr/bin/python3 cannot import torch" >&2; exit 1; }
echo "install-pytorch: $v installed"
