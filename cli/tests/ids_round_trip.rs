//! `--write-ids` round trips: whatever the blocks around it, an id written
//! into the Markdown reads back as the same document with nothing left to
//! assign, so published text never changes by itself (issue: a `{#p2}`
//! line right after a paragraph became part of that paragraph).

// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::Command;

use lectern_cli::import::{import, with_ids, write_ids, Style};

const FRONT: &str = "---\nid: a\nlang: en\ntitle: T\npublished: 2018-04-04\n---\n";

/// Every top-level shape the importer accepts, the edge cases included.
const SHAPES: &[&str] = &[
    "Plain paragraph.",
    "Two lines\nof one paragraph.",
    "中文段落，\n跨两行。",
    "The three points are:",
    "- first\n- second",
    "1. one\n2. two",
    "- loose\n\n- items",
    "* star\n* list",
    "> A quote.",
    "> A quote\nlazily continued.",
    "> Quoted.\n>\n> — Source",
    "## Heading",
    "## Closed heading ##",
    "### 中文标题",
    "#### Deep *heading*",
    "Setext heading\n---",
    "![Alt](img/a.jpg \"Caption\")",
    "***",
    "___",
    "- - -",
    "Text with *em*, **strong**, `code` and [a link](https://example.org/).",
    "{#own}\nA paragraph with its own id.",
    "## Heading with an id {#h9}",
    "{#named}\n\n> A quote named above.",
    "===",
    "--",
    "|---|",
    "  Indented paragraph.",
];

/// The shapes that must take their id where it belongs (not the
/// fallback of a paragraph of its own).
const PLACED: &[&str] = &[
    "Plain paragraph.",
    "中文段落，\n跨两行。",
    "## Heading",
    "### 中文标题",
];

fn documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in SHAPES {
        for b in SHAPES {
            // A bare CR between them: a line ending too, in a file that
            // otherwise ends its lines with LF (or CRLF). A line of a form
            // feed: text to CommonMark, not a blank line.
            for sep in ["\n", "\n\n", "\r", "\r\r", "\n\u{c}\n"] {
                for end in ["\n", ""] {
                    let md = format!("{FRONT}\n{a}{sep}{b}{end}");
                    out.push((format!("{a:?}{sep:?}{b:?}{end:?}"), md.clone()));
                    out.push((
                        format!("{a:?}{sep:?}{b:?}{end:?} CRLF"),
                        md.replace('\n', "\r\n"),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn written_ids_read_back_as_the_same_document_whatever_the_blocks_around_them() {
    let mut checked = 0;
    for (name, md) in documents() {
        let Ok(imported) = import(&md, true) else {
            continue; // a shape the importer refuses (a setext `===` after text, say)
        };
        let plain = import(&md, false).unwrap();
        let written = write_ids(&md, &imported).unwrap_or_else(|e| panic!("{name}: {e}\n{md}"));
        let again = import(&written, false).unwrap_or_else(|e| panic!("{name}: {e:?}\n{written}"));
        assert_eq!(again.document, imported.document, "{name}\n{written}");
        assert_eq!(
            again.without_id, 0,
            "{name}: nothing left to assign\n{written}"
        );
        // The same text as before, ids aside.
        let mut stripped = again.document.clone();
        for (block, before) in stripped["body"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .zip(plain.document["body"].as_array().unwrap())
        {
            if before.get("id").is_none() {
                block.as_object_mut().unwrap().remove("id");
            }
        }
        assert_eq!(stripped, plain.document, "{name}: text unchanged");
        // A second run writes nothing.
        assert!(
            import(&written, true).unwrap().assigned.is_empty(),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked > 3000, "most combinations import ({checked})");
}

#[test]
fn ids_go_where_each_block_takes_them() {
    for a in SHAPES {
        for b in PLACED {
            // Blocks apart by a blank line ended with LF, or with bare CRs:
            // an id line ended by a CR names its paragraph all the same.
            // (pulldown-cmark ends an ATX heading at LF only: after bare
            // CRs a heading runs on into the next block's text, and its
            // id takes the fallback, a paragraph above.)
            let seps: &[&str] = if a.starts_with('#') || b.starts_with('#') {
                &["\n\n"]
            } else {
                &["\n\n", "\r\r"]
            };
            for sep in seps {
                let md = format!("{FRONT}\n{a}{sep}{b}\n");
                let Ok(imported) = import(&md, true) else {
                    continue;
                };
                let written = with_ids(&md, &imported.assigned, Style::AsPlaced);
                let again = import(&written, false).unwrap();
                assert_eq!(
                    again.document, imported.document,
                    "{a:?}{sep:?}{b:?}:\n{written:?}"
                );
            }
        }
    }
}

#[test]
fn a_list_right_after_its_paragraph_keeps_both_across_two_runs() {
    let dir = std::env::temp_dir().join(format!("lectern-ids-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("points.md");
    let source = format!("{FRONT}\nThe three points are:\n- first\n- second\n- third\n");
    fs::write(&path, &source).unwrap();
    let bin = env!("CARGO_BIN_EXE_lectern-cli");
    let run = || {
        let out = Command::new(bin)
            .args(["import", path.to_str().unwrap(), "--write-ids"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let first = run();
    let after_first = fs::read_to_string(&path).unwrap();
    assert_eq!(
        after_first,
        format!(
            "{FRONT}\n{{#p1}}\nThe three points are:\n\n{{#p2}}\n\n- first\n- second\n- third\n"
        )
    );
    let second = run();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        after_first,
        "the second run writes nothing"
    );
    assert_eq!(first, second);
    assert_eq!(first["body"][0]["text"], "The three points are:");
    assert_eq!(
        first["body"][1]["items"],
        serde_json::json!(["first", "second", "third"])
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_id_line_ended_by_a_bare_cr_names_its_paragraph() {
    // CommonMark ends a line at CR as at LF: in a body of CR endings, or
    // one CR line among LF lines, `{#ID}` above a paragraph is its id.
    for md in [
        format!("{FRONT}\n{{#mine}}\rA paragraph.\n"),
        format!("{FRONT}\r{{#mine}}\rA paragraph.\r\rAnother.\r"),
    ] {
        let imported = import(&md, false).unwrap();
        assert_eq!(imported.document["body"][0]["id"], "mine", "{md:?}");
        assert_eq!(
            imported.document["body"][0]["text"], "A paragraph.",
            "{md:?}"
        );
    }
}

#[test]
fn an_id_line_that_names_nothing_or_a_named_block_is_an_error() {
    for (md, expected) in [
        (
            format!("{FRONT}\nText.\n\n{{#lost}}\n"),
            "{#lost} names no block: nothing follows it",
        ),
        (
            format!("{FRONT}\n{{#a}}\n\n{{#b}}\n\n> Quote.\n"),
            "{#a} names no block: another id line follows it",
        ),
        (
            format!("{FRONT}\n{{#a}}\n\n## Title {{#b}}\n"),
            "{#a} names the next block, which has its own id {#b}",
        ),
    ] {
        let errors = import(&md, false).unwrap_err();
        assert!(
            errors.iter().any(|e| e.message.contains(expected)),
            "{md}: {errors:?}"
        );
    }
}

/// Every input the fuzzer (`scripts/fuzz`, target `import`) found to break
/// the round trip, kept as a regression test.
#[test]
fn what_the_fuzzer_found_round_trips() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/import");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        // As the fuzz target reads it.
        let source = if text.starts_with("---") {
            text.to_owned()
        } else {
            format!("{FRONT}{text}")
        };
        seen += 1;
        let Ok(imported) = import(&source, true) else {
            continue;
        };
        if imported.assigned.is_empty() {
            continue;
        }
        let written =
            write_ids(&source, &imported).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let again = import(&written, false).unwrap();
        assert_eq!(again.document, imported.document, "{}", path.display());
        assert_eq!(again.without_id, 0, "{}", path.display());
    }
    assert!(seen > 0);
}
