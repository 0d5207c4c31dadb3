#!/usr/bin/env bash
# Installs Mesa's software Vulkan driver (lavapipe) from bookworm-backports, which
# Dawn (the `webgpu` package) accepts; Debian bookworm's own Mesa 22 is refused.
# Derives the archive URI from the machine's existing apt sources: no host is
# written here. Idempotent: does nothing when a new enough lavapipe is present.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then echo "install-vulkan: must run as root" >&2; exit 1; fi

have_mesa_version() {
  dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null | sed -E 's/^([0-9]+:)?([0-9]+).*/\2/'
}
v=$(have_mesa_version || true)
if [ -n "$v" ] && [ "$v" -ge 24 ] && dpkg-query -W libvulkan1 >/dev/null 2>&1; then
  echo "install-vulkan: mesa-vulkan-drivers $v already installed"; exit 0
fi

# The URI of the main Debian archive, from deb822 .sources or one-line .list files.
uri=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  uri=$(awk '/^URIs:/{u=$2} /^Suites:/{ if ($0 ~ /bookworm([ ]|$)/ && u !~ /security/) {print u; exit} }' "$f")
  [ -n "$uri" ] && break
done
if [ -z "$uri" ]; then
  uri=$(grep -hE '^deb [^ ]+ bookworm ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}' | head -n1 || true)
fi
if [ -z "$uri" ]; then echo "install-vulkan: no bookworm archive found in apt's sources" >&2; exit 1; fi

list=/etc/apt/sources.list.d/bookworm-backports.list
echo "deb $uri bookworm-backports main" > "$list"

ok=0
for attempt in 1 2 3; do
  if timeout 180 apt-get update -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- \
       -o APT::Get::List-Cleanup=0 >/dev/null; then ok=1; break; fi
  echo "install-vulkan: apt-get update attempt $attempt failed; retrying" >&2
  sleep 5
done
[ "$ok" = 1 ] || { echo "install-vulkan: could not update bookworm-backports" >&2; exit 1; }

DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q -t bookworm-backports \
  mesa-vulkan-drivers libvulkan1 >/dev/null
echo "install-vulkan: mesa-vulkan-drivers $(have_mesa_version) installed"
