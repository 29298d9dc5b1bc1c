#!/usr/bin/env bash
# Lighthouse on home, a treatment, an office and the appointment form, mobile and desktop,
# against the site under gunicorn on loopback (make bench-lighthouse; not run in CI).
# Installs npm's lighthouse into bench/node_modules from bench/package-lock.json; uses
# Debian's chromium (installed when missing); nothing leaves the machine during the run.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROME_PATH" ]; then
  make test-tools
fi
command -v npm >/dev/null || {
  SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
}

# Reinstall only when package.json or its lock changed since the last install.
if [ ! -x bench/node_modules/.bin/lighthouse ] ||
   [ bench/package.json -nt bench/node_modules/.package-lock.json ] ||
   [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  npm ci --prefix bench --no-audit --no-fund --ignore-scripts --loglevel=error
fi

export NO_UPDATE_NOTIFIER=1 npm_config_update_notifier=false
exec .venv/bin/python bench/lighthouse.py "$@"
