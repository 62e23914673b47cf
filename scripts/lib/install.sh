# Shared helpers for scripts: install Debian packages only when what they provide is missing.
# Sourced, not run. Each check names the program (or library) the code actually runs, never a
# neighbour of it: a fresh machine has a `docker` client without `dockerd`, so keying on `docker`
# would skip the daemon's package. ExternalProgramsTest (common/) reads the ensure_* lines of the
# set-up and fails when the code starts a program that no line provides.

_apt_updated=""

# _apt_install PACKAGE WHAT — apt-get install with a one-line error naming PACKAGE and WHAT.
_apt_install() {
  local pkg="$1" what="$2" log
  if [ "$(id -u)" != 0 ]; then
    echo "plumbline: $what is missing; install the Debian package '$pkg' (apt-get install $pkg needs root)" >&2
    return 1
  fi
  log="$(mktemp)"
  if [ -z "$_apt_updated" ]; then
    if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1; then
      echo "plumbline: apt-get update failed while installing $pkg for $what: $(grep -E '^(E|W):' "$log" | head -n 1)" >&2
      rm -f "$log"; return 1
    fi
    _apt_updated=1
  fi
  echo "plumbline: installing $pkg (provides $what)…"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >"$log" 2>&1; then
    echo "plumbline: apt-get install $pkg failed (needed for $what): $(grep -E '^E:' "$log" | head -n 1)" >&2
    rm -f "$log"; return 1
  fi
  rm -f "$log"
}

# ensure_command CMD PACKAGE — installs PACKAGE when the program CMD is not on PATH, then checks
# that CMD is there.
ensure_command() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  _apt_install "$pkg" "'$cmd'" || return 1
  command -v "$cmd" >/dev/null 2>&1 || { echo "plumbline: installing $pkg did not provide '$cmd'" >&2; return 1; }
}

# ensure_library GLOB PACKAGE — installs PACKAGE when no file matches GLOB (a shared library the code
# loads, e.g. with LD_PRELOAD), then checks again.
ensure_library() {
  local glob="$1" pkg="$2"
  compgen -G "$glob" >/dev/null && return 0
  _apt_install "$pkg" "$glob" || return 1
  compgen -G "$glob" >/dev/null || { echo "plumbline: installing $pkg did not provide $glob" >&2; return 1; }
}
