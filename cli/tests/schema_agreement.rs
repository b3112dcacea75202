//! `schema/article.schema.json` says what the Rust validation says: a standard
//! JSON Schema 2020-12 validator and `lectern::model` agree on every document
//! of a table of good and broken ones, and on the whole sample corpus.

// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use lectern::model::{Resolver, WhatwgUrl};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("schema/article.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::draft202012::meta::validate(&schema).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn full() -> Value {
    serde_json::from_str(
        &fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/full.json"))
            .unwrap(),
    )
    .unwrap()
}

/// Sets (or, with `None`, removes) the value at a JSON pointer.
fn edit(mut doc: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() {
        &mut doc
    } else {
        doc.pointer_mut(parent).unwrap()
    };
    match (target, value) {
        (Value::Object(map), Some(v)) => {
            map.insert(key.to_owned(), v);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(items), Some(v)) => items[key.parse::<usize>().unwrap()] = v,
        (Value::Array(items), None) => {
            items.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("cannot edit {pointer}"),
    }
    doc
}

fn rust_accepts(doc: &Value) -> bool {
    let urls = Resolver::new(&WhatwgUrl, Some("https://example.org/a/en.json"));
    lectern::model::check_value(doc, &urls).is_ok()
}

#[test]
fn schema_and_validation_agree_on_every_case() {
    let s = |v: &str| Some(json!(v));
    let cases: Vec<(&str, Option<Value>, bool)> = vec![
        ("/dek", Some(json!("still fine")), true),
        ("/unknown", Some(json!([1, 2])), true),
        ("/body/7/type", s("timeline"), true),
        ("/body/2/level", Some(json!(4)), true),
        ("/body/2/level", Some(json!(3.0)), true),
        ("/lang", s("zh-Hant-TW"), true),
        ("/lang", s("es-419"), true),
        ("/lang", s("x-private"), true),
        ("/lang", s("i-klingon"), true),
        ("/published", s("2018-04-05T09:30:00.5+08:00"), true),
        ("/url", s("javascript:alert(1)"), true),
        ("/body/5/src", s("data:image/png,xx"), true),
        ("/translations", Some(json!([])), true),
        ("/translations", None, true),
        ("/related", None, true),
        ("/category", None, true),
        ("/authors", Some(json!([])), true),
        ("/body", Some(json!([])), true),
        ("/format", s("lectern.article/2"), false),
        ("/format", None, false),
        ("/id", None, false),
        ("/id", s(""), false),
        ("/lang", s("en_US"), false),
        ("/lang", s("english-"), false),
        ("/lang", Some(json!(1)), false),
        ("/title", None, false),
        ("/title", Some(json!(["rich"])), false),
        ("/dek", Some(json!(null)), false),
        ("/published", None, false),
        ("/published", s("Apr 04, 2018"), false),
        ("/published", s("2018-02-30"), false),
        ("/updated", s("2018-04-05T09:30:00"), false),
        ("/authors", None, false),
        ("/authors/0/name", None, false),
        ("/authors/0/bio", Some(json!(5)), false),
        ("/authors/0/avatar/alt", None, false),
        ("/translations/0/href", None, false),
        ("/translations/2/converted_from", s("zh Hans"), false),
        ("/category", s("Foreign Policy"), false),
        ("/category/name", None, false),
        ("/body", Some(json!({})), false),
        ("/body/0/type", None, false),
        ("/body/0/type", Some(json!(3)), false),
        ("/body/0/id", s("has space"), false),
        ("/body/0/id", Some(json!("x".repeat(65))), false),
        ("/body/7/id", s("bad id"), false),
        ("/body/0/text", None, false),
        ("/body/1/text/1/em", s("yes"), false),
        ("/body/1/text/1/text", None, false),
        ("/body/1/text/0", Some(json!(7)), false),
        ("/body/2/level", Some(json!(7)), false),
        ("/body/2/level", Some(json!(1)), false),
        ("/body/2/level", Some(json!(2.5)), false),
        ("/body/2/level", s("2"), false),
        ("/body/4/items", None, false),
        ("/body/4/items/0", Some(json!({ "text": "x" })), false),
        ("/body/4/ordered", s("yes"), false),
        ("/body/5/alt", None, false),
        ("/body/5/width", Some(json!(0)), false),
        ("/body/5/width", Some(json!(1.5)), false),
        ("/body/5/height", Some(json!(5_000_000_000_u64)), false),
        ("/related/0/href", None, false),
        ("/related/0/published", s("soon"), false),
        ("/related/0/image/src", None, false),
    ];
    let validator = validator();
    assert!(
        validator.is_valid(&full()) && rust_accepts(&full()),
        "the base document is valid"
    );
    for (pointer, value, valid) in cases {
        let doc = edit(full(), pointer, value.clone());
        let schema_says = validator.is_valid(&doc);
        let rust_says = rust_accepts(&doc);
        assert_eq!(schema_says, valid, "schema on {pointer} = {value:?}");
        assert_eq!(rust_says, valid, "validation on {pointer} = {value:?}");
    }
    // Not a JSON object at all.
    for doc in [json!([]), json!("article"), json!(null)] {
        assert!(!validator.is_valid(&doc) && !rust_accepts(&doc), "{doc}");
    }
}

/// What JSON Schema cannot say: the validation refuses these, the schema
/// cannot. The schema's description names them.
#[test]
fn the_known_limits_of_the_schema() {
    let validator = validator();
    let cases = [
        edit(full(), "/body/1/id", Some(json!("p1"))), // ids unique in the document
        edit(full(), "/lang", Some(json!("de-1901-1901"))), // a repeated variant
        edit(full(), "/lang", Some(json!("en-a-bbb-a-ccc"))), // a repeated extension
    ];
    for doc in cases {
        assert!(validator.is_valid(&doc));
        assert!(!rust_accepts(&doc));
    }
}

#[test]
fn every_sample_document_is_valid_by_both() {
    let validator = validator();
    let mut count = 0;
    for dir in fs::read_dir(root().join("content")).unwrap() {
        for file in fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let doc: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            assert!(
                validator.is_valid(&doc),
                "schema refuses {}",
                path.display()
            );
            assert!(rust_accepts(&doc), "validation refuses {}", path.display());
            count += 1;
        }
    }
    assert_eq!(count, 17);
}
