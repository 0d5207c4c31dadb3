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

. "$(dirname "$0")/apt-main.sh"
apt_main_candidate install-pytorch python3-torch

DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y -q --no-install-recommends python3-torch python3-numpy >/dev/null
v=$(version) || { echo "install-pytorch: installed, but /usr/bin/python3 cannot import torch" >&2; exit 1; }
echo "install-pytorch: $v installed"
