//! The Markdown importer, with the round trip as the property: import with
//! ids assigned, write them into the Markdown, import again: the same
//! document, nothing left to assign. Inputs without front matter get a
//! fixed one, so that the Markdown walk is what is explored.
#![no_main]

use lectern_cli::import::{import, write_ids};
use libfuzzer_sys::fuzz_target;

const FRONT: &str = "---\nid: a\nlang: en\ntitle: T\npublished: 2018-04-04\n---\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = if text.starts_with("---") {
        text.to_owned()
    } else {
        format!("{FRONT}{text}")
    };
    let Ok(imported) = import(&source, true) else {
        return;
    };
    if imported.assigned.is_empty() {
        return;
    }
    let written = write_ids(&source, &imported)
        .unwrap_or_else(|e| panic!("ids could not be written: {e}\n{source:?}"));
    let again = import(&written, false)
        .unwrap_or_else(|e| panic!("the written file does not import: {e:?}\n{written:?}"));
    assert_eq!(again.document, imported.document, "\n{source:?}\n{written:?}");
    assert_eq!(again.without_id, 0, "ids left to assign\n{written:?}");
});
