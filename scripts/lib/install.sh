# Shared helpers for scripts: install Debian packages only when the command they provide is missing.
# Sourced, not run.

_apt_updated=""

# ensure_command CMD PACKAGE — installs PACKAGE with apt-get when CMD is not on PATH.
ensure_command() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "plumbline: '$cmd' is missing; install the Debian package '$pkg' (needs root)" >&2
    return 1
  fi
  echo "plumbline: installing $pkg (provides $cmd)…"
  if [ -z "$_apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
  command -v "$cmd" >/dev/null 2>&1 || { echo "plumbline: installing $pkg did not provide '$cmd'" >&2; return 1; }
}
