# Sourced before a release build of the widget (scripts/build-release,
# scripts/size-breakdown): the size recipe. A pinned nightly rebuilds std
# for size (`-Zbuild-std` with `optimize_for_size`) and panics abort at once
# without formatting a message (`-Cpanic=immediate-abort`): lectern.js
# reports a trap in every widget itself (see src/lectern.js). Everything
# else (clippy, tests, lectern-cli, debug builds) stays on stable.
# scripts/setup installs this toolchain and fetches std's own crates.
LECTERN_NIGHTLY=nightly-2026-05-20
export LECTERN_NIGHTLY
export RUSTUP_TOOLCHAIN="$LECTERN_NIGHTLY"
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# No panic locations (file paths of this machine's registry) and no Debug
# formatting in the wasm: neither is ever shown to a reader.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
