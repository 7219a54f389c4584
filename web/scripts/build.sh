#!/usr/bin/env bash
# Builds the console for CMake (web/CMakeLists.txt):
#   build.sh deps    run `npm ci` when web/node_modules is missing or older than package-lock.json
#   build.sh bundle  run `vite build` into web/dist
# Several build directories share web/, so both steps hold a lock on web/.build.lock.
set -euo pipefail
web=$(cd "$(dirname "$0")/.." && pwd)
cd "$web"
exec 9>"$web/.build.lock"
flock 9

case "${1:-}" in
  deps)
    marker=node_modules/.package-lock.json
    if [ -f "$marker" ] && [ -d node_modules/vite ] && [ -d node_modules/playwright-core ] &&
      [ ! package-lock.json -nt "$marker" ]; then
      exit 0
    fi
    echo "web: npm ci (node_modules is missing or older than package-lock.json)"
    if ! npm ci --no-audit --no-fund --loglevel=error; then
      # A registry mirror that holds only some platforms' builds of rollup and esbuild gives a
      # lock without the other platforms' optional packages, which `npm ci` refuses as out of
      # sync; `npm install --no-save` installs the same locked versions and writes nothing.
      echo "web: npm ci refused the lock; installing the locked versions with npm install --no-save"
      npm install --no-save --no-audit --no-fund --loglevel=error
    fi
    touch "$marker"
    ;;
  bundle)
    npx --no-install vite build --logLevel warn
    echo "web: console built into $web/dist"
    ;;
  *)
    echo "usage: $0 deps | bundle" >&2
    exit 2
    ;;
esac
