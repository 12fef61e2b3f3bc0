# Shared setup, sourced by scripts/setup and scripts/test. Makes a fresh Debian machine
# that has only Node and npm ready: the pinned Bun from the npm registry, the Debian
# packages the suite needs, and the workspace's locked dependencies.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '==> %s\n' "$*" >&2; }

pinned_bun_version() {
  node -e 'process.stdout.write(require(process.argv[1]).packageManager.split("@")[1])' \
    "$repo_root/package.json"
}

ensure_bun() {
  local want have
  want=$(pinned_bun_version)
  have=$(bun --version 2>/dev/null || true)
  if [ "$have" = "$want" ]; then return 0; fi
  log "installing bun $want from the npm registry (found: ${have:-none})"
  npm install --global --no-fund --no-audit "bun@$want" >&2
  hash -r
  have=$(bun --version 2>/dev/null || true)
  if [ "$have" != "$want" ]; then
    log "bun $want did not install (bun --version says: ${have:-nothing})"
    return 1
  fi
}

# Packages are listed one per line in scripts/debian-packages.txt ('#' starts a comment).
ensure_debian_packages() {
  local list="$repo_root/scripts/debian-packages.txt" missing=() pkg
  while read -r pkg; do
    pkg=${pkg%%#*}
    pkg=${pkg//[[:space:]]/}
    [ -n "$pkg" ] || continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done <"$list"
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2
  # No package may start a service on this machine while it installs (firewalld would take
  # over the host's firewall): policy-rc.d denies every start, as Debian's containers do.
  local policy=/usr/sbin/policy-rc.d made_policy=0 status=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2 || status=$?
  [ "$made_policy" -eq 0 ] || "${sudo[@]}" rm -f "$policy"
  # The tests run firewalld themselves, in a throwaway namespace: never at this host's boot.
  if [ -d /run/systemd/system ] && printf '%s\n' "${missing[@]}" | grep -qx firewalld; then
    "${sudo[@]}" systemctl disable firewalld.service >&2 || true
  fi
  return "$status"
}

ensure_workspace() {
  log "bun install --frozen-lockfile"
  (cd "$repo_root" && bun install --frozen-lockfile >&2)
}

setup_all() {
  command -v node >/dev/null || { log "node is required (and npm)"; return 1; }
  ensure_bun
  ensure_debian_packages
  ensure_workspace
}
