//! The standalone page that `trunk serve` shows: the widget mounted into the
//! page's `[data-lectern-src]` element, with its title as the page's `h1`.

#[cfg(target_arch = "wasm32")]
fn main() {
    lectern::start_standalone();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Lectern runs in the browser: use `trunk serve` (see the README).");
}
