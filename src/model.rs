//! The content format (`lectern.article/1`) as Rust types, and the validation
//! that turns untrusted JSON into a checked [`Article`], once, at the edge.
//!
//! No web types live here, so everything is tested natively.

use std::fmt;

use serde_json::{Map, Value};

/// The only format this widget reads.
pub const FORMAT: &str = "lectern.article/1";

/// The largest document the widget accepts, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// A checked article: every field has been validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable id of the article, the same in every translation.
    pub id: String,
    /// Language tag of this document.
    pub lang: String,
    /// The title, plain text.
    pub title: String,
}

/// Why a document was refused. [`fmt::Display`] names the JSON path and the
/// problem, e.g. `title: expected a string, found a number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    /// The bytes are not JSON at all.
    NotJson(String),
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// The `format` field names a format this widget does not read.
    UnsupportedFormat(String),
    /// A field is missing or has the wrong type or value.
    Invalid { path: String, problem: String },
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(detail) => write!(f, "not valid JSON: {detail}"),
            Self::TooLarge { bytes } => write!(
                f,
                "the document is {bytes} bytes, over the limit of {MAX_DOCUMENT_BYTES} bytes"
            ),
            Self::UnsupportedFormat(found) => {
                write!(f, "format: expected \"{FORMAT}\", found \"{found}\"")
            }
            Self::Invalid { path, problem } => write!(f, "{path}: {problem}"),
        }
    }
}

impl std::error::Error for ContentError {}

/// Parses and checks a document.
///
/// # Errors
/// Returns a [`ContentError`] naming the first problem found: size, JSON
/// syntax, format version, or a missing or mistyped field.
pub fn parse_article(bytes: &[u8]) -> Result<Article, ContentError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ContentError::TooLarge { bytes: bytes.len() });
    }
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| ContentError::NotJson(e.to_string()))?;
    let Value::Object(root) = value else {
        return Err(invalid(
            "$",
            format!("expected an object, found {}", kind(&value)),
        ));
    };
    let format = required_string(&root, "format")?;
    if format != FORMAT {
        return Err(ContentError::UnsupportedFormat(format.to_owned()));
    }
    Ok(Article {
        id: required_string(&root, "id")?.to_owned(),
        lang: required_string(&root, "lang")?.to_owned(),
        title: required_string(&root, "title")?.to_owned(),
    })
}

fn required_string<'a>(object: &'a Map<String, Value>, key: &str) -> Result<&'a str, ContentError> {
    match object.get(key) {
        None => Err(invalid(key, "required field is missing".to_owned())),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(invalid(
            key,
            format!("expected a string, found {}", kind(other)),
        )),
    }
}

fn invalid(path: &str, problem: String) -> ContentError {
    ContentError::Invalid {
        path: path.to_owned(),
        problem,
    }
}

/// How a JSON value is named in error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        r#"{"format":"lectern.article/1","id":"a","lang":"en","title":"T <script>","extra":1}"#;

    #[test]
    fn a_minimal_document_is_accepted_and_unknown_fields_ignored() {
        let article = parse_article(GOOD.as_bytes()).unwrap();
        assert_eq!(article.title, "T <script>");
        assert_eq!(article.lang, "en");
    }

    #[test]
    fn broken_documents_are_refused_with_path_and_problem() {
        let cases = [
            ("", "not valid JSON"),
            ("[]", "$: expected an object, found an array"),
            (
                r#"{"format":"lectern.article/2"}"#,
                "format: expected \"lectern.article/1\", found \"lectern.article/2\"",
            ),
            (r#"{"id":"a"}"#, "format: required field is missing"),
            (
                r#"{"format":"lectern.article/1","id":"a","lang":"en","title":7}"#,
                "title: expected a string, found a number",
            ),
        ];
        for (input, expected) in cases {
            let message = parse_article(input.as_bytes()).unwrap_err().to_string();
            assert!(message.starts_with(expected), "{input}: got {message}");
        }
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(
            parse_article(&big),
            Err(ContentError::TooLarge {
                bytes: MAX_DOCUMENT_BYTES + 1
            })
        );
    }
}
