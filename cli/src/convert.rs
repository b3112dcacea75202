//! `convert`: a 简体 document to 繁體 with `OpenCC`'s dictionaries
//! (ferrous-opencc, Apache-2.0), marking the result with `converted_from`.
//!
//! Only prose is converted; ids, URLs, language tags, dates and the
//! translations' labels (each in its own language) are left as they are.

use std::fs;
use std::path::{Path, PathBuf};

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use serde_json::{Map, Value};

/// Fields whose string values (and the strings in their lists and spans) are prose.
const PROSE_FIELDS: [&str; 12] = [
    "title", "dek", "name", "role", "bio", "text", "cite", "caption", "credit", "alt", "items",
    "category",
];

/// Fixes applied after `OpenCC`, found by reviewing its output for readers in
/// Taiwan and Hong Kong: Traditional Chinese quotes with corner brackets, and
/// a few words where `OpenCC`'s character-level forms are not the ones used.
const REVIEWED: [(&str, &str); 6] = [
    ("“", "「"),
    ("”", "」"),
    ("‘", "『"),
    ("’", "』"),
    ("伙伴", "夥伴"),
    ("舞臺", "舞台"),
];

/// `OpenCC`, then the reviewed fixes.
fn to_traditional(converter: &OpenCC, text: &str) -> String {
    REVIEWED
        .iter()
        .fold(converter.convert(text), |s, (from, to)| s.replace(from, to))
}

/// The `OpenCC` configuration for a target tag. Plain `zh-Hant` uses Taiwan's
/// standard character forms (為, 裡, 線) without changing vocabulary, which
/// readers in Taiwan and Hong Kong both accept; the regional tags add their
/// own forms (and, for Taiwan, vocabulary).
#[must_use]
pub fn config_for(target: &str) -> Option<BuiltinConfig> {
    match target {
        "zh-Hant" => Some(BuiltinConfig::S2tw),
        "zh-Hant-TW" => Some(BuiltinConfig::S2twp),
        "zh-Hant-HK" => Some(BuiltinConfig::S2hk),
        _ => None,
    }
}

/// Converts a parsed 简体 document to `target`.
///
/// # Errors
/// When the document is not a zh-Hans document or the target is not supported.
pub fn convert_document(doc: &Value, target: &str) -> Result<Value, String> {
    let config = config_for(target).ok_or_else(|| {
        format!("cannot convert to {target:?}: use zh-Hant, zh-Hant-TW or zh-Hant-HK")
    })?;
    let source = doc
        .get("lang")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if source != "zh-Hans" {
        return Err(format!(
            "the source must be a zh-Hans document, this one is {source:?}"
        ));
    }
    let converter = OpenCC::from_config(config).map_err(|e| format!("OpenCC: {e}"))?;
    let mut out = doc.clone();
    if let Value::Object(root) = &mut out {
        convert_fields(root, &|s: &str| to_traditional(&converter, s));
        root.insert("lang".to_owned(), Value::String(target.to_owned()));
        mark_translation(root, &source, target);
        retarget_related(root, &source, target);
    }
    Ok(out)
}

fn convert_fields(object: &mut Map<String, Value>, convert: &dyn Fn(&str) -> String) {
    for (key, value) in object.iter_mut() {
        if PROSE_FIELDS.contains(&key.as_str()) {
            convert_prose(value, convert);
        } else {
            convert_nested(value, convert);
        }
    }
}

/// Converts every string in a prose value, descending into spans and lists.
fn convert_prose(value: &mut Value, convert: &dyn Fn(&str) -> String) {
    match value {
        Value::String(s) => *s = convert(s),
        Value::Array(items) => items.iter_mut().for_each(|v| convert_prose(v, convert)),
        Value::Object(object) => convert_fields(object, convert),
        _ => {}
    }
}

/// Descends into objects and lists that are not prose themselves.
fn convert_nested(value: &mut Value, convert: &dyn Fn(&str) -> String) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| convert_nested(v, convert)),
        Value::Object(object) => convert_fields(object, convert),
        _ => {}
    }
}

/// Marks the target's entry in `translations` as converted from `source`.
fn mark_translation(root: &mut Map<String, Value>, source: &str, target: &str) {
    let Some(Value::Array(translations)) = root.get_mut("translations") else {
        return;
    };
    for entry in translations.iter_mut().filter_map(Value::as_object_mut) {
        if entry.get("lang").and_then(Value::as_str) == Some(target) {
            entry.insert(
                "converted_from".to_owned(),
                Value::String(source.to_owned()),
            );
        }
    }
}

/// Points related articles at their versions in `target`, by the corpus's
/// convention of one file per language, named by its tag (`…/zh-Hans.json`).
fn retarget_related(root: &mut Map<String, Value>, source: &str, target: &str) {
    let Some(Value::Array(related)) = root.get_mut("related") else {
        return;
    };
    let from = format!("{source}.json");
    for entry in related.iter_mut().filter_map(Value::as_object_mut) {
        if let Some(Value::String(href)) = entry.get_mut("article") {
            if let Some(stem) = href.strip_suffix(&from) {
                if stem.is_empty() || stem.ends_with('/') {
                    *href = format!("{stem}{target}.json");
                }
            }
        }
    }
}

/// Runs `convert --to TAG FILE [-o OUT]`; returns the path written.
///
/// # Errors
/// A message for the reader of the terminal.
pub fn run(args: &[String]) -> Result<PathBuf, String> {
    let mut target = None;
    let mut input = None;
    let mut output = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--to" => target = iter.next().cloned(),
            "-o" | "--output" => output = iter.next().map(PathBuf::from),
            other if input.is_none() => input = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let target = target.ok_or("missing --to TAG")?;
    let input = input.ok_or("missing the FILE to convert")?;
    let output = output.unwrap_or_else(|| input.with_file_name(format!("{target}.json")));
    let text = fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", input.display()))?;
    let converted = convert_document(&doc, &target)?;
    write_json(&output, &converted)?;
    Ok(output)
}

fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    text.push('\n');
    crate::files::write_file(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn source() -> Value {
        json!({
            "format": "lectern.article/1",
            "id": "x",
            "lang": "zh-Hans",
            "translations": [
                { "lang": "en", "label": "English", "href": "en.json" },
                { "lang": "zh-Hans", "label": "简体", "href": "zh-Hans.json" },
                { "lang": "zh-Hant", "label": "繁體", "href": "zh-Hant.json" }
            ],
            "category": { "name": "外交政策", "href": "https://example.org/国际/" },
            "title": "中国在朝鲜问题上发挥领导作用的机遇",
            "published": "2018-04-04",
            "authors": [{ "name": "桑普森", "role": "院长行政助理", "bio": ["这里", { "text": "软件", "em": true }] }],
            "body": [
                { "type": "paragraph", "id": "p1", "text": "为了这里的发展" },
                { "type": "quote", "id": "q1", "text": "“和平崛起”与‘伙伴’" },
                { "type": "list", "id": "l1", "items": ["信息", ["线路"]] },
                { "type": "image", "id": "i1", "src": "img/简.jpg", "alt": "两国领导人" }
            ],
            "related": [{ "title": "制裁", "href": "https://example.org/a", "article": "../sanctions/zh-Hans.json", "category": "外交政策" }]
        })
    }

    #[test]
    fn converts_prose_and_only_prose() {
        let out = convert_document(&source(), "zh-Hant").unwrap();
        let cases = [
            ("/lang", "zh-Hant"),
            ("/title", "中國在朝鮮問題上發揮領導作用的機遇"),
            ("/category/name", "外交政策"),
            ("/category/href", "https://example.org/国际/"),
            ("/authors/0/role", "院長行政助理"),
            ("/authors/0/bio/0", "這裡"),
            ("/authors/0/bio/1/text", "軟件"),
            ("/body/0/text", "為了這裡的發展"),
            ("/body/0/id", "p1"),
            ("/body/1/text", "「和平崛起」與『夥伴』"),
            ("/body/2/items/0", "信息"),
            ("/body/2/items/1/0", "線路"),
            ("/body/3/src", "img/简.jpg"),
            ("/body/3/alt", "兩國領導人"),
            ("/translations/1/label", "简体"),
            ("/translations/2/converted_from", "zh-Hans"),
            ("/related/0/title", "制裁"),
            ("/related/0/article", "../sanctions/zh-Hant.json"),
            ("/published", "2018-04-04"),
        ];
        for (pointer, expected) in cases {
            assert_eq!(
                out.pointer(pointer).and_then(Value::as_str),
                Some(expected),
                "{pointer}"
            );
        }
        assert!(out.pointer("/translations/0/converted_from").is_none());
    }

    #[test]
    fn taiwan_and_hong_kong_variants_differ_where_they_should() {
        let tw = convert_document(&source(), "zh-Hant-TW").unwrap();
        assert_eq!(
            tw.pointer("/authors/0/bio/1/text").and_then(Value::as_str),
            Some("軟體")
        );
        assert_eq!(
            tw.pointer("/body/2/items/0").and_then(Value::as_str),
            Some("資訊")
        );
        let hk = convert_document(&source(), "zh-Hant-HK").unwrap();
        assert_eq!(
            hk.pointer("/body/0/text").and_then(Value::as_str),
            Some("為了這裏的發展")
        );
    }

    #[test]
    fn refuses_other_sources_and_targets() {
        let mut en = source();
        en["lang"] = json!("en");
        assert!(convert_document(&en, "zh-Hant")
            .unwrap_err()
            .contains("must be a zh-Hans"));
        assert!(convert_document(&source(), "ja")
            .unwrap_err()
            .contains("cannot convert"));
    }
}
