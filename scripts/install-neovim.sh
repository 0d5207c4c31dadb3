#!/usr/bin/env bash
# Installs Debian's Neovim (0.7.2 on bookworm), for test/lsp/neovim.test.ts:
# a headless Neovim runs the setup docs/editor.md gives against the language
# server. Idempotent: does nothing when nvim is present.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then echo "install-neovim: must run as root" >&2; exit 1; fi

if command -v nvim >/dev/null; then
  echo "install-neovim: $(nvim --version | head -1) already installed"; exit 0
fi

. "$(dirname "$0")/apt-main.sh"
apt_main_candidate install-neovim neovim

DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends neovim >/dev/null
echo "install-neovim: $(nvim --version | head -1) installed"
