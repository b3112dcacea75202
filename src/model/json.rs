//! The JSON the validation reads, behind one small trait, the way URLs are
//! read through [`super::UrlParser`]: in the browser it is the browser's own
//! `JSON.parse` and its values (no JSON parser shipped in the wasm), natively
//! `serde_json`. The validation is one piece of code run by both.

/// One JSON value, as much of it as the validation needs at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<V> {
    Null,
    Bool(bool),
    /// A number, with its value when it is a whole number from 0 to
    /// `u64::MAX` (`2.0` counts as 2, as in JSON Schema).
    Number(Option<u64>),
    String(String),
    /// The items of an array, in order.
    Array(Vec<V>),
    /// An object: read its fields with [`JsonValue::field`].
    Object,
}

impl<V> Json<V> {
    /// How the value is named in messages: "a string", "an object", …
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
            Self::Array(_) => "an array",
            Self::Object => "an object",
        }
    }
}

/// A parsed JSON value.
pub trait JsonValue: Sized + Clone {
    /// What the value is.
    fn read(&self) -> Json<Self>;
    /// The field `key` of an object; `None` when it is missing or `self` is
    /// not an object.
    fn field(&self, key: &str) -> Option<Self>;
    /// A number as JSON writes it, for messages (`2.5`).
    fn number_text(&self) -> String;
}

/// A whole number from 0 to `u64::MAX` held in an `f64`.
#[must_use]
pub fn whole_f64(f: f64) -> Option<u64> {
    // 2^64: `as` is exact below it for whole numbers.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f)).then_some(f as u64)
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonValue for &serde_json::Value {
    fn read(&self) -> Json<Self> {
        use serde_json::Value;
        match self {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.as_u64().or_else(|| whole_f64(n.as_f64()?))),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(items) => Json::Array(items.iter().collect()),
            Value::Object(_) => Json::Object,
        }
    }

    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }

    fn number_text(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::whole_f64;

    #[test]
    fn whole_numbers_in_floats() {
        let cases = [
            (0.0, Some(0)),
            (3.0, Some(3)),
            (2.5, None),
            (-1.0, None),
            (1e19, Some(10_000_000_000_000_000_000)),
            (1e20, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
        ];
        for (f, expected) in cases {
            assert_eq!(whole_f64(f), expected, "{f}");
        }
    }
}
