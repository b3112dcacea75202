# Sourced by the project's scripts: puts the project's own tools first on PATH.
# node_modules/.bin comes first so that the pinned wasm-opt (npm `binaryen`)
# wins over any older wasm-opt elsewhere on PATH, which breaks release builds.
LECTERN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LECTERN_ROOT
export PATH="$LECTERN_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# wasm-bindgen-test-runner drives Debian's Chromium through this driver.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
