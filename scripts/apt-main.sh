# Sourced by the install-*.sh scripts: `apt_main_candidate WHO PACKAGE` makes
# sure apt knows PACKAGE. When it does not yet, this updates only the main
# archive's list (the deb822 stanza for bookworm, not security; no host is
# written here), with a timeout and retries: a full `apt-get update` (every
# source) once hung on a closed network. WHO prefixes the error messages.

apt_main_candidate() {
  local who=$1 pkg=$2
  if apt-cache policy "$pkg" 2>/dev/null | grep -qE 'Candidate: [0-9]'; then return 0; fi
  local parts src ok=0
  parts=$(mktemp -d)
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
    [ -s "$parts/main.list" ] || { rm -rf "$parts"; echo "$who: no bookworm archive found in apt's sources" >&2; return 1; }
    src=(-o Dir::Etc::sourcelist="$parts/main.list" -o Dir::Etc::sourceparts=-)
  fi
  for attempt in 1 2 3; do
    if timeout 180 apt-get update "${src[@]}" -o APT::Get::List-Cleanup=0 >/dev/null; then ok=1; break; fi
    echo "$who: apt-get update attempt $attempt failed; retrying" >&2
    sleep 5
  done
  rm -rf "$parts"
  [ "$ok" = 1 ] || { echo "$who: could not update the main archive's package list" >&2; return 1; }
}

# `apt_main_uri` prints the main archive's URI and its keyring (two words;
# the keyring may be empty) as apt's sources give them, for scripts that
# fetch from another suite of the same archive (scripts/fetch-debian-editors.sh).
apt_main_uri() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v RS= '/Suites:[^\n]*bookworm([ \n]|$)/ && !/security/ {
      uri = ""; key = ""
      n = split($0, lines, "\n")
      for (i = 1; i <= n; i++) {
        if (lines[i] ~ /^URIs:/) { split(lines[i], w, /[ \t]+/); uri = w[2] }
        if (lines[i] ~ /^Signed-By:/) { split(lines[i], w, /[ \t]+/); key = w[2] }
      }
      if (uri != "") { print uri, key; exit }
    }' "$f" | grep . && return 0
  done
  # One-line format: deb [options] URI bookworm main
  grep -hE '^deb (\[[^]]*\] )?[^ ]+ bookworm ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -E 's/^deb (\[[^]]*\] )?([^ ]+) .*/\2/' | head -1 | grep . && return 0
  return 1
}
