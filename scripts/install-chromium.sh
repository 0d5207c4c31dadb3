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

. "$(dirname "$0")/apt-main.sh"
apt_main_candidate install-chromium chromium

DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q chromium >/dev/null
echo "install-chromium: $(version) installed"
