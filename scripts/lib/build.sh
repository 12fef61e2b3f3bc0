# Building the plugin executable and cnitool; sourced by scripts/install and scripts/demo
# after lib/setup.sh (which defines repo_root and log).

# What building needs and nothing more: Node (to install Bun), the pinned Bun, the
# workspace's locked dependencies.
setup_build() {
  command -v node >/dev/null || { log "node is required (and npm)"; return 1; }
  ensure_bun
  ensure_workspace
}

# Runs a build command quietly; on failure prints its output and fails.
_quiet_build() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

# build_plugins OUTFILE: compiles the multicall plugin executable (packages/plugins) into
# OUTFILE. The build script writes beside OUTFILE and renames, so OUTFILE never exists
# half-written.
build_plugins() {
  _quiet_build bun "$repo_root/packages/plugins/scripts/build.ts" --outfile "$1"
}

# build_cnitool OUTFILE: compiles cnitool (packages/cnitool) into OUTFILE, as the
# package's own build script does.
build_cnitool() {
  _quiet_build bun build --compile --minify --bytecode --format=esm "$repo_root/packages/cnitool/src/main.ts" --outfile "$1"
}

# plugin_names EXECUTABLE: the plugin names a built multicall executable answers to, one
# per line. Run with no arguments it runs no plugin; it prints "Plugins: a, b, c".
plugin_names() {
  local listing names
  listing=$("$1") || return 1
  names=$(printf '%s\n' "$listing" | sed -n 's/^Plugins: //p' | tr ',' '\n' | sed 's/^ *//; s/ *$//; /^$/d')
  if [ -z "$names" ]; then
    log "$1 listed no plugins (its output: $listing)"
    return 1
  fi
  printf '%s\n' "$names"
}
