//! `lectern-cli import` as a publisher runs it: the sample corpus's Markdown
//! (`content-src/`) must give exactly the committed documents (`content/`),
//! files the format cannot hold fail with `FILE:LINE:COLUMN`, and block ids
//! stay put across edits.

// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_lectern-cli");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_file(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A fresh temporary folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("lectern-import-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_sample_markdown_gives_the_committed_documents() {
    let s = Scratch::new("corpus");
    let mut seen = 0;
    for article in fs::read_dir(root().join("content-src")).unwrap() {
        let article = article.unwrap().path();
        let slug = article.file_name().unwrap().to_str().unwrap().to_owned();
        for file in fs::read_dir(&article).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let lang = file.file_stem().unwrap().to_str().unwrap().to_owned();
            let (ok, out, err) = run(&["import", file.to_str().unwrap()]);
            assert!(ok, "{}: {err}", file.display());
            assert!(err.is_empty(), "no warnings for {}: {err}", file.display());
            let imported: Value = serde_json::from_str(&out).unwrap();
            let committed = json_file(&root().join(format!("content/{slug}/{lang}.json")));
            assert_eq!(
                imported, committed,
                "{slug}/{lang}.md imports to content/{slug}/{lang}.json"
            );
            seen += 1;
            // 繁體 is made from 简体 with `convert`, as before.
            if lang == "zh-Hans" {
                let source = s.0.join(format!("{slug}-zh-Hans.json"));
                fs::write(&source, &out).unwrap();
                let target = s.0.join(format!("{slug}-zh-Hant.json"));
                let (ok, _, err) = run(&[
                    "convert",
                    "--to",
                    "zh-Hant",
                    source.to_str().unwrap(),
                    "-o",
                    target.to_str().unwrap(),
                ]);
                assert!(ok, "{err}");
                assert_eq!(
                    json_file(&target),
                    json_file(&root().join(format!("content/{slug}/zh-Hant.json"))),
                    "{slug}: 繁體 converted from the imported 简体"
                );
            }
        }
    }
    assert_eq!(
        seen, 12,
        "five articles in English and 简体, one also in Arabic and Japanese"
    );
}

const FRONT: &str = "---\nid: a\nlang: en\ntitle: T\npublished: 2018-04-04\n---\n";

#[test]
fn what_the_format_cannot_hold_fails_with_file_line_and_column() {
    let s = Scratch::new("refused");
    let cases = [
        (
            "table.md",
            format!("{FRONT}\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
            ":10:1: cannot hold a table",
        ),
        (
            "html.md",
            format!("{FRONT}\nText with <b>bold</b> in it.\n"),
            ":8:11: cannot hold raw HTML",
        ),
        (
            "block-html.md",
            format!("{FRONT}\n<div>\nhi\n</div>\n"),
            ":8:1: cannot hold raw HTML",
        ),
        (
            "footnote.md",
            format!("{FRONT}\nA claim.[^1]\n\n[^1]: Source.\n"),
            ":8:9: cannot hold a footnote",
        ),
        (
            "title.md",
            "---\nid: a\nlang: en\npublished: 2018-04-04\n---\n\nText.\n".to_owned(),
            ":2:1: front matter: `title` is missing",
        ),
        (
            "typo.md",
            "---\nid: a\nlang: en\ntitle: T\npublished: 2018-04-04\nauthor: X\n---\n".to_owned(),
            ":6:1: front matter: unknown key `author`",
        ),
        (
            "h1.md",
            format!("{FRONT}\n# Another title\n"),
            ":8:1: a level 1 heading",
        ),
        (
            "yaml.md",
            "---\nid: [a\n---\n".to_owned(),
            ":3:1: front matter:",
        ),
        (
            "date.md",
            "---\nid: a\nlang: en\ntitle: T\npublished: yesterday\n---\n".to_owned(),
            ":5:1: published: \"yesterday\" is not an RFC 3339 date",
        ),
        (
            "lang.md",
            "---\nid: a\nlang: english!\ntitle: T\npublished: 2018-04-04\n---\n".to_owned(),
            ":3:1: lang: \"english!\" is not a BCP 47 language tag",
        ),
    ];
    for (name, text, expected) in cases {
        let path = s.file(name, &text);
        let (ok, out, err) = run(&["import", &path]);
        assert!(!ok, "{name} is refused");
        assert!(out.is_empty(), "{name}: nothing written: {out}");
        assert!(
            err.contains(&format!("{path}{expected}")),
            "{name}: expected {expected:?} in: {err}"
        );
    }
}

#[test]
fn every_block_type_maps_to_the_content_format() {
    let s = Scratch::new("blocks");
    let md = format!(
        "{FRONT}\n{{#intro}}\nSome *em*, **strong**, `code` and a [link](https://example.org/).\n\n\
         ## A section {{#s1}}\n\n> Quoted passage.\n>\n> — Source\n\n1. one\n2. two\n\n\
         ![Leaders meeting](img/summit.jpg \"At the summit\")\n\n***\n\n两行中文\n连在一起。\n"
    );
    let (ok, out, err) = run(&["import", &s.file("a.md", &md)]);
    assert!(ok, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let expected: Value = serde_json::json!([
        { "type": "paragraph", "id": "intro", "text": [
            "Some ", { "text": "em", "em": true }, ", ", { "text": "strong", "strong": true }, ", ",
            { "text": "code", "code": true }, " and a ", { "text": "link", "href": "https://example.org/" }, "." ] },
        { "type": "heading", "id": "s1", "level": 2, "text": "A section" },
        { "type": "quote", "text": "Quoted passage.", "cite": "Source" },
        { "type": "list", "ordered": true, "items": ["one", "two"] },
        { "type": "image", "src": "img/summit.jpg", "alt": "Leaders meeting", "caption": "At the summit" },
        { "type": "rule" },
        { "type": "paragraph", "text": "两行中文连在一起。" }
    ]);
    assert_eq!(doc["body"], expected);
    assert!(err.contains("5 block(s) have no id"), "{err}");
    // And the result is a valid document.
    let json = s.0.join("a.json");
    fs::write(&json, &out).unwrap();
    let (ok, out, _) = run(&["check", json.to_str().unwrap()]);
    assert!(ok, "{out}");
}

#[test]
fn written_ids_stay_with_their_paragraphs_when_one_is_inserted_above() {
    let s = Scratch::new("ids");
    let path = s.file(
        "a.md",
        &format!("{FRONT}\nFirst.\n\nSecond.\n\n> A quote.\n\n## Heading\n"),
    );
    let (ok, _, err) = run(&["import", &path, "--write-ids"]);
    assert!(ok, "{err}");
    assert!(err.contains("wrote 4 new block id(s)"), "{err}");
    let ids_of = |out: &str| -> Vec<(String, String)> {
        let doc: Value = serde_json::from_str(out).unwrap();
        doc["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b["id"].as_str().unwrap_or("").to_owned(), b.to_string()))
            .collect()
    };
    let (_, before, _) = run(&["import", &path]);
    let before = ids_of(&before);
    assert_eq!(
        before.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["p1", "p2", "p3", "p4"]
    );
    // An editor adds a paragraph at the top and imports again.
    let edited =
        fs::read_to_string(&path)
            .unwrap()
            .replacen("---\n\n", "---\n\nA new opening.\n\n", 1);
    fs::write(&path, edited).unwrap();
    let (ok, _, err) = run(&["import", &path, "--write-ids"]);
    assert!(ok, "{err}");
    let (_, after, _) = run(&["import", &path]);
    let after = ids_of(&after);
    assert_eq!(after.len(), 5);
    assert_eq!(after[0].0, "p5", "the new paragraph takes the next free id");
    assert_eq!(
        &after[1..],
        &before[..],
        "the others keep their ids and content"
    );
}
