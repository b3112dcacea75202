//! The browser's own URL parser applies the same allow-list as the native
//! tools: the table in `lectern::model::links` passes in Chromium too.
#![cfg(target_arch = "wasm32")]

use lectern::api::BrowserUrl;
use lectern::model::links::ALLOW_LIST_CASES;
use lectern::model::{Resolver, SafeUrl};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_browser_parser_passes_the_allow_list_table() {
    for &(base, href, use_, expected) in ALLOW_LIST_CASES {
        let got = Resolver::new(&BrowserUrl, base).resolve(href, use_);
        assert_eq!(
            got.as_ref().map(SafeUrl::as_str),
            expected,
            "{href:?} as {use_:?} from {base:?}"
        );
    }
}
