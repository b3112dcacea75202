//! `lectern-cli check` and `convert` as a publisher runs them: on the sample
//! corpus, and on small broken corpora written to a temporary folder.

// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_lectern-cli");

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// A fresh temporary folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("lectern-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
    fn write(&self, rel: &str, doc: &Value) {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn doc(id: &str, lang: &str, block_ids: &[&str]) -> Value {
    json!({
        "format": "lectern.article/1",
        "id": id,
        "lang": lang,
        "translations": [
            { "lang": "en", "label": "English", "href": "en.json" },
            { "lang": "zh-Hans", "label": "简体", "href": "zh-Hans.json" }
        ],
        "title": "T",
        "published": "2018-04-04",
        "authors": [],
        "body": block_ids.iter().map(|id| json!({ "type": "paragraph", "id": id, "text": "x" })).collect::<Vec<_>>()
    })
}

#[test]
fn the_sample_corpus_passes() {
    let (ok, out) = run(&["check", content_dir().to_str().unwrap()]);
    assert!(ok, "{out}");
    // One editorial difference, on purpose: the 简体 (and so the 繁體)
    // version of diplomacy-between-languages has a paragraph the English
    // one (nor the Arabic and Japanese) does not.
    assert!(
        out.contains("checked 17 document(s): 0 problem(s), 6 warning(s)"),
        "{out}"
    );
    assert!(
        out.contains("diplomacy-between-languages/zh-Hans.json: translations[0].href: body[2] (p2a) has no partner in the en version; it is shown alone"),
        "{out}"
    );
}

#[test]
fn a_consistent_pair_passes() {
    let s = Scratch::new("pair");
    s.write("a/en.json", &doc("a", "en", &["p1", "p2"]));
    s.write("a/zh-Hans.json", &doc("a", "zh-Hans", &["p1", "p2"]));
    let (ok, out) = run(&["check", s.0.to_str().unwrap()]);
    assert!(ok, "{out}");
}

#[test]
fn a_block_without_a_partner_is_a_warning_that_names_it() {
    let s = Scratch::new("unpaired");
    s.write("a/en.json", &doc("a", "en", &["p1", "p2"]));
    s.write(
        "a/zh-Hans.json",
        &doc("a", "zh-Hans", &["p1", "extra", "p2"]),
    );
    let (ok, out) = run(&["check", s.0.to_str().unwrap()]);
    assert!(ok, "an editorial difference is legitimate: {out}");
    assert!(
        out.contains("warning: ") && out.contains("a/zh-Hans.json: translations[0].href: body[1] (extra) has no partner in the en version; it is shown alone"),
        "{out}"
    );
    assert!(out.contains("0 problem(s), 1 warning(s)"), "{out}");
}

#[test]
fn each_corpus_problem_is_named_with_file_and_path() {
    type Setup = fn(&Scratch);
    let cases: Vec<(Setup, &str)> = vec![
        (
            |s| s.write("a/en.json", &doc("a", "en", &["p1"])),
            "a/en.json: translations[1].href: no such file",
        ),
        (
            |s| {
                s.write("a/en.json", &doc("a", "en", &["p1"]));
                s.write("a/zh-Hans.json", &doc("b", "zh-Hans", &["p1"]));
            },
            "a/en.json: translations[1].href: names article \"b\", not \"a\"",
        ),
        (
            |s| {
                s.write("a/en.json", &doc("a", "en", &["p1", "p2", "p3"]));
                s.write("a/zh-Hans.json", &doc("a", "zh-Hans", &["p2", "p1", "p3"]));
            },
            "a/en.json: translations[1].href: blocks in a different order than in the zh-Hans version: p1 comes before p2 here, after it there (body[1] and body[0])",
        ),
        (
            |s| {
                s.write("a/en.json", &doc("a", "en", &["p1", "p2"]));
                let mut d = doc("a", "zh-Hans", &["p1", "p2"]);
                d["body"][1] = json!({ "type": "heading", "level": 2, "id": "p2", "text": "x" });
                s.write("a/zh-Hans.json", &d);
            },
            "a/en.json: translations[1].href: body[1] (p2) is not the same type of block as body[1] of the zh-Hans version",
        ),
        (
            |s| {
                s.write("a/en.json", &doc("a", "en", &["p1"]));
                s.write("a/zh-Hans.json", &doc("a", "en", &["p1"]));
            },
            "a/en.json: translations[1].lang: says zh-Hans, but the document there is en",
        ),
        (
            |s| {
                let mut d = doc("a", "en", &["p1"]);
                d["translations"][1]["converted_from"] = json!("ja");
                s.write("a/en.json", &d);
                s.write("a/zh-Hans.json", &doc("a", "zh-Hans", &["p1"]));
            },
            "a/en.json: translations[1].converted_from: ja is not one of the translations",
        ),
        (
            |s| {
                let mut d = doc("a", "en", &["p1"]);
                d["related"] = json!([{ "title": "B", "href": "https://example.org/b", "article": "../b/en.json" }]);
                s.write("a/en.json", &d);
                s.write("a/zh-Hans.json", &doc("a", "zh-Hans", &["p1"]));
            },
            "a/en.json: related[0].article: no such file",
        ),
        (
            |s| {
                let mut d = doc("a", "en", &["p1"]);
                d["body"] = json!([{ "type": "heading", "level": 7, "text": "x" }]);
                s.write("a/en.json", &d);
            },
            "a/en.json: body[0].level: expected 2, 3 or 4, found 7",
        ),
        (
            |s| {
                let mut d = doc("a", "fr", &["p1"]);
                d["translations"] = json!([]);
                s.write("a/fr.json", &d);
                s.write("b/notes.json", &json!({ "format": "lectern.article/2" }));
            },
            "b/notes.json: format: expected \"lectern.article/1\"",
        ),
    ];
    for (i, (setup, expected)) in cases.into_iter().enumerate() {
        let s = Scratch::new(&format!("case{i}"));
        setup(&s);
        let (ok, out) = run(&["check", s.0.to_str().unwrap()]);
        assert!(!ok, "case {i} should fail: {out}");
        assert!(
            out.contains(expected),
            "case {i}: expected {expected:?} in\n{out}"
        );
    }
}

#[test]
fn convert_writes_a_marked_zh_hant_document_that_checks() {
    let s = Scratch::new("convert");
    let mut source = doc("a", "zh-Hans", &["p1"]);
    source["title"] = json!("中国的机遇");
    source["translations"] = json!([
        { "lang": "zh-Hans", "label": "简体", "href": "zh-Hans.json" },
        { "lang": "zh-Hant", "label": "繁體", "href": "zh-Hant.json" }
    ]);
    s.write("a/zh-Hans.json", &source);
    let input = s.0.join("a/zh-Hans.json");
    let (ok, out) = run(&["convert", "--to", "zh-Hant", input.to_str().unwrap()]);
    assert!(ok, "{out}");
    let converted: Value =
        serde_json::from_str(&fs::read_to_string(s.0.join("a/zh-Hant.json")).unwrap()).unwrap();
    assert_eq!(converted["title"], "中國的機遇");
    assert_eq!(converted["lang"], "zh-Hant");
    assert_eq!(converted["translations"][1]["converted_from"], "zh-Hans");
    let (ok, out) = run(&["check", s.0.to_str().unwrap()]);
    assert!(!ok, "the source does not mark its zh-Hant entry yet: {out}");
    assert!(out.contains("lists translations"), "{out}");
}

#[test]
fn convert_refuses_bad_arguments_clearly() {
    let (ok, out) = run(&["convert", "--to", "ja", "nowhere.json"]);
    assert!(!ok);
    assert!(out.contains("nowhere.json"), "{out}");
    let (ok, out) = run(&["frobnicate"]);
    assert!(!ok);
    assert!(out.contains("usage:"), "{out}");
}

/// The English sample is the seed article, paragraph for paragraph, verbatim.
#[test]
fn the_english_sample_is_the_seed_verbatim() {
    let seed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-000_afdca5225885c40d.txt"),
    )
    .unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Executive Assistant"))
        .unwrap()
        + 1;
    let end = lines
        .iter()
        .position(|l| *l == "You might also like")
        .unwrap();
    let paragraphs: Vec<&str> = lines[start..end]
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let en: Value = serde_json::from_str(
        &fs::read_to_string(content_dir().join("china-opportunity-to-lead-on-north-korea/en.json"))
            .unwrap(),
    )
    .unwrap();
    let body: Vec<&str> = en["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(body, paragraphs);
    assert_eq!(en["title"], lines[3]);
    assert_eq!(en["category"]["name"], lines[1]);
    assert_eq!(en["published"], "2018-04-04");
    assert_eq!(en["authors"][0]["name"], "Sampson Oppedisano");
    assert_eq!(en["authors"][0]["role"], lines[start - 1].trim());
}

#[test]
fn render_prints_the_widgets_markup_as_a_page() {
    let file = content_dir().join("china-opportunity-to-lead-on-north-korea/zh-Hant.json");
    let (ok, out) = run(&[
        "render",
        file.to_str().unwrap(),
        "--heading-level",
        "1",
        "--page",
        "--css",
        "lectern.css",
    ]);
    assert!(ok, "{out}");
    assert!(
        out.starts_with("<!doctype html>\n<html lang=\"zh-Hant\">"),
        "{out}"
    );
    assert!(out.contains("<link rel=\"stylesheet\" href=\"lectern.css\" />"));
    assert!(out.contains(">中國在朝鮮問題上發揮領導作用的機遇</h1>"));
    assert_eq!(out.matches("class=\"lc-body__p\"").count(), 10);
    let (ok, out) = run(&["render", "nowhere.json"]);
    assert!(!ok && out.contains("nowhere.json"), "{out}");
}
