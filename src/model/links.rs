//! URLs from documents: resolved against the document's URL by a WHATWG URL
//! parser, then kept only if their scheme is allowed for their use. A URL
//! that fails either step is dropped, never an error: the text it was on
//! stays as plain text.
//!
//! The parser is passed in ([`UrlParser`]): in the browser it is the
//! browser's own `URL` (no bytes shipped for it), natively the `url` crate
//! ([`WhatwgUrl`]). Both implement the WHATWG URL Standard, which strips tabs,
//! newlines and leading controls before the scheme is read.

use std::fmt;

/// What a URL is for, which decides the schemes it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// A link a reader follows: `http`, `https`, `mailto`.
    Link,
    /// An image the widget loads: `http`, `https`.
    Image,
    /// A document the widget fetches (translations, related articles): `http`,
    /// `https`, and `file` only when the base document itself is a file (the
    /// native content tools).
    Document,
}

/// A URL as a WHATWG parser returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl {
    /// The scheme, lower case, without the colon.
    pub scheme: String,
    /// The whole URL, serialized.
    pub href: String,
}

/// A WHATWG URL parser.
pub trait UrlParser {
    /// Parses `href`, relative to `base` when given. `None` when it fails.
    fn parse(&self, href: &str, base: Option<&str>) -> Option<ParsedUrl>;
}

/// The `url` crate's WHATWG parser, for native tools and tests. The widget
/// uses the browser's `URL` instead, to keep the wasm small.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub struct WhatwgUrl;

#[cfg(not(target_arch = "wasm32"))]
impl UrlParser for WhatwgUrl {
    fn parse(&self, href: &str, base: Option<&str>) -> Option<ParsedUrl> {
        let url = match base {
            Some(base) => url::Url::parse(base).ok()?.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        Some(ParsedUrl {
            scheme: url.scheme().to_owned(),
            href: url.into(),
        })
    }
}

/// An absolute URL that passed the scheme allow-list for its use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// The URL, serialized by the WHATWG parser.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Resolves a document's URLs against the document's own URL.
pub struct Resolver<'a> {
    parser: &'a dyn UrlParser,
    base: Option<ParsedUrl>,
}

impl<'a> Resolver<'a> {
    /// A resolver for a document at `base` (`None` keeps only absolute URLs,
    /// as does a base the parser cannot read).
    #[must_use]
    pub fn new(parser: &'a dyn UrlParser, base: Option<&str>) -> Self {
        let base = base.and_then(|b| parser.parse(b, None));
        Self { parser, base }
    }

    /// Resolves `href` and applies the allow-list for `use_`. `None` when it
    /// cannot be parsed or is not allowed.
    #[must_use]
    pub fn resolve(&self, href: &str, use_: UrlUse) -> Option<SafeUrl> {
        let url = self
            .parser
            .parse(href, self.base.as_ref().map(|b| b.href.as_str()))?;
        let from_file = self.base.as_ref().is_some_and(|b| b.scheme == "file");
        let allowed = match (use_, url.scheme.as_str()) {
            (_, "http" | "https") | (UrlUse::Link, "mailto") => true,
            (UrlUse::Document, "file") => from_file,
            _ => false,
        };
        allowed.then_some(SafeUrl(url.href))
    }
}

/// The allow-list's behaviour as a table of `(base, href, use, expected)`,
/// run against both parsers: natively with [`WhatwgUrl`], in the browser
/// with its `URL`, so the widget and the tools agree.
#[doc(hidden)]
pub const ALLOW_LIST_CASES: &[(Option<&str>, &str, UrlUse, Option<&str>)] = {
    const BASE: Option<&str> = Some("https://example.org/articles/china/en.json");
    const FILE: Option<&str> = Some("file:///content/a/en.json");
    use UrlUse::{Document, Image, Link};
    &[
        (
            BASE,
            "https://example.org/x",
            Link,
            Some("https://example.org/x"),
        ),
        (
            BASE,
            "zh-Hans.json",
            Document,
            Some("https://example.org/articles/china/zh-Hans.json"),
        ),
        (
            BASE,
            "../other/en.json",
            Document,
            Some("https://example.org/articles/other/en.json"),
        ),
        (
            BASE,
            "//cdn.example.net/a",
            Link,
            Some("https://cdn.example.net/a"),
        ),
        (
            BASE,
            "mailto:editor@example.org",
            Link,
            Some("mailto:editor@example.org"),
        ),
        (
            BASE,
            "HTTPS://EXAMPLE.ORG/",
            Link,
            Some("https://example.org/"),
        ),
        (
            BASE,
            "img/a.jpg",
            Image,
            Some("https://example.org/articles/china/img/a.jpg"),
        ),
        (BASE, "mailto:editor@example.org", Image, None),
        (BASE, "javascript:alert(1)", Link, None),
        (BASE, "JavaScript:alert(1)", Link, None),
        (BASE, "java\tscript:alert(1)", Link, None),
        (BASE, "java\nscript:alert(1)", Link, None),
        (BASE, " \u{1}javascript:alert(1)", Link, None),
        (BASE, "data:text/html,<script>alert(1)</script>", Link, None),
        (BASE, "data:image/png;base64,AAAA", Image, None),
        (BASE, "vbscript:msgbox(1)", Link, None),
        (BASE, "file:///etc/passwd", Link, None),
        (BASE, "file:///etc/passwd", Document, None),
        (BASE, "http://[::1", Link, None),
        (
            FILE,
            "zh-Hans.json",
            Document,
            Some("file:///content/a/zh-Hans.json"),
        ),
        (FILE, "zh-Hans.json", Link, None),
        (None, "relative.json", Document, None),
        (
            None,
            "https://example.org/a",
            Link,
            Some("https://example.org/a"),
        ),
    ]
};

// Native only: they use the `url` crate's parser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_keeps_only_allowed_schemes_after_whatwg_parsing() {
        for &(base, href, use_, expected) in ALLOW_LIST_CASES {
            let got = Resolver::new(&WhatwgUrl, base).resolve(href, use_);
            assert_eq!(
                got.as_ref().map(SafeUrl::as_str),
                expected,
                "{href:?} as {use_:?} from {base:?}"
            );
        }
    }
}
