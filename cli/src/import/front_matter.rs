//! The front matter: YAML between `---` lines, read into the document's
//! head (every field but the body), each problem at its key's line.

use lectern::model::FORMAT;
use serde_json::{json, Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

use super::markdown::inline_markdown;
use super::{Errors, ImportError};

/// The keys a front matter may have.
const ALLOWED_KEYS: [&str; 12] = [
    "id",
    "lang",
    "title",
    "dek",
    "published",
    "updated",
    "url",
    "category",
    "authors",
    "translations",
    "related",
    "format",
];

/// Splits `---` front matter from the body; returns both, with their byte
/// offsets.
pub(super) fn split(source: &str) -> Option<(&str, usize, &str, usize)> {
    let rest = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))?;
    let start = source.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = source.get(start..offset)?;
            let body_start = offset + line.len();
            return Some((front, start, source.get(body_start..)?, body_start));
        }
        offset += line.len();
    }
    None
}

/// YAML to JSON: strings, numbers, booleans, null, lists and maps with
/// string keys.
fn yaml_to_json(yaml: &Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Integer(i) => json!(i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("{r} is not a number JSON can hold"))?,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Null => Value::Null,
        Yaml::Array(items) => {
            Value::Array(items.iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Hash(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let Yaml::String(key) = k else {
                    return Err(format!("a key must be a string, found {k:?}"));
                };
                out.insert(key.clone(), yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Yaml::Alias(_) => return Err("aliases are not supported".to_owned()),
        Yaml::BadValue => return Err("a value YAML could not read".to_owned()),
    })
}

/// The byte offset of the top-level key `key:` in the front matter, for messages.
pub(super) fn key_offset(front: &str, front_start: usize, key: &str) -> usize {
    let mut offset = front_start;
    for line in front.split_inclusive('\n') {
        if line.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return offset;
        }
        offset += line.len();
    }
    front_start
}

/// The document's head from the front matter `front` (at byte
/// `front_start` of `source`): every field but `body`, and `related`
/// apart (it follows the body). Problems go to `errors`; `None` when the
/// YAML itself cannot be read (nothing else is checked then).
pub(super) fn read(
    source: &str,
    front: &str,
    front_start: usize,
    errors: &mut Errors<'_>,
) -> Option<(Map<String, Value>, Option<Value>)> {
    let yaml = match YamlLoader::load_from_str(front) {
        Ok(docs) => docs.into_iter().next().unwrap_or(Yaml::Null),
        Err(e) => {
            let (line, _) = super::position(source, front_start);
            errors.list.push(ImportError {
                line: line + e.marker().line().saturating_sub(1),
                column: e.marker().col() + 1,
                message: format!("front matter: {}", e.info()),
            });
            return None;
        }
    };
    let meta = match yaml_to_json(&yaml) {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => Map::new(),
        Ok(_) => {
            errors.at(front_start, "front matter: expected keys and values");
            return None;
        }
        Err(e) => {
            errors.at(front_start, format!("front matter: {e}"));
            return None;
        }
    };
    for key in meta.keys() {
        if !ALLOWED_KEYS.contains(&key.as_str()) {
            errors.at(
                key_offset(front, front_start, key),
                format!(
                    "front matter: unknown key `{key}` (known: {})",
                    ALLOWED_KEYS.join(", ")
                ),
            );
        }
    }
    for key in ["id", "lang", "title", "published"] {
        if meta
            .get(key)
            .is_none_or(|v| v.as_str().is_none_or(|s| s.trim().is_empty()))
        {
            let what = if meta.contains_key(key) {
                "must be a non-empty string"
            } else {
                "is missing"
            };
            errors.at(
                key_offset(front, front_start, key),
                format!("front matter: `{key}` {what}"),
            );
        }
    }
    let mut doc = Map::new();
    // The format this tool writes, unless the front matter names another
    // (which the check then refuses by name).
    doc.insert(
        "format".into(),
        meta.get("format").cloned().unwrap_or_else(|| FORMAT.into()),
    );
    for key in ["id", "lang", "translations", "url"] {
        if let Some(v) = meta.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    match meta.get("category") {
        Some(Value::String(name)) => {
            doc.insert("category".into(), json!({ "name": name }));
        }
        Some(other) => {
            doc.insert("category".into(), other.clone());
        }
        None => {}
    }
    for key in ["title", "dek", "published", "updated"] {
        if let Some(v) = meta.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    let mut authors = meta.get("authors").cloned().unwrap_or_else(|| json!([]));
    if let Some(list) = authors.as_array_mut() {
        for author in list.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(Value::String(bio)) = author.get("bio").cloned() {
                match inline_markdown(&bio) {
                    Ok(value) => {
                        author.insert("bio".into(), value);
                    }
                    Err(e) => errors.at(
                        key_offset(front, front_start, "authors"),
                        format!("front matter: authors: bio: {e}"),
                    ),
                }
            }
        }
    }
    doc.insert("authors".into(), authors);
    Some((doc, meta.get("related").cloned()))
}
