//! The content format (`lectern.article/1`, `content-format.md`) as Rust
//! types, and the validation that turns untrusted JSON into a checked
//! [`Article`], once, at the edge. Components never see an unchecked URL.
//!
//! No web types live here, so everything is tested natively.

pub mod date;
pub mod json;
pub mod langtag;
pub mod links;
pub mod pairing;
mod validate;

use std::fmt;

pub use json::{Json, JsonValue};
#[cfg(not(target_arch = "wasm32"))]
pub use links::WhatwgUrl;
pub use links::{ParsedUrl, Resolver, SafeUrl, UrlParser, UrlUse};
pub use validate::check_value;
#[cfg(not(target_arch = "wasm32"))]
pub use validate::parse_article;

/// The only format this widget reads.
pub const FORMAT: &str = "lectern.article/1";

/// The largest document the widget accepts, in bytes (about 5 MB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// Refuses a document of `bytes` bytes over [`MAX_DOCUMENT_BYTES`]: the one
/// size check, for a declared length and for the body itself, in the widget
/// and the tools.
///
/// # Errors
/// [`ContentError::TooLarge`] over the limit.
pub fn check_size(bytes: usize) -> Result<(), ContentError> {
    if bytes > MAX_DOCUMENT_BYTES {
        Err(ContentError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

macro_rules! string_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The value as written in the document.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_newtype!(
    /// Stable id of an article, the same in every translation.
    ArticleId
);
string_newtype!(
    /// Id of a block: `[A-Za-z0-9_-]{1,64}`, unique in its document.
    BlockId
);
string_newtype!(
    /// A well-formed BCP 47 language tag.
    LangTag
);

/// An RFC 3339 date or date-time, as written (fit for `<time datetime>`),
/// and how to show it to a reader: the widget formats its documents' dates
/// with the browser's `Intl` once, as a document arrives
/// (`views::date::format_dates`); until then (and when pre-rendering)
/// the date shows as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    value: String,
    /// The date as the reader sees it ("Apr 4, 2018", "2018年4月4日").
    pub shown: Option<String>,
}

impl Timestamp {
    /// The value as written in the document.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The text to show: the formatted date, else the date as written.
    #[must_use]
    pub fn text(&self) -> &str {
        self.shown
            .as_deref()
            .unwrap_or_else(|| self.value.get(..10).unwrap_or(&self.value))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl LangTag {
    /// Checks `tag` for BCP 47 well-formedness.
    #[must_use]
    pub fn parse(tag: &str) -> Option<Self> {
        langtag::is_well_formed(tag).then(|| Self(tag.to_owned()))
    }
}

impl BlockId {
    /// Checks `id` against `[A-Za-z0-9_-]{1,64}`.
    #[must_use]
    pub fn parse(id: &str) -> Option<Self> {
        let ok = (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Self(id.to_owned()))
    }
}

/// A checked article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub lang: LangTag,
    /// Every language version, this one included.
    pub translations: Vec<Translation>,
    /// Canonical page of the article on the publisher's site.
    pub url: Option<SafeUrl>,
    pub category: Option<Category>,
    pub title: String,
    pub dek: Option<String>,
    pub published: Timestamp,
    pub updated: Option<Timestamp>,
    pub authors: Vec<Author>,
    /// The blocks the widget knows, in order.
    pub body: Vec<Block>,
    pub related: Vec<Related>,
    /// The `type`s of blocks that were skipped because this widget does not
    /// know them, in document order.
    pub skipped_blocks: Vec<String>,
}

/// One language version of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub lang: LangTag,
    /// The language's name in its own language.
    pub label: String,
    /// Where the version is; `None` when its URL was not allowed.
    pub href: Option<SafeUrl>,
    /// Set when this version was converted by machine from another.
    pub converted_from: Option<LangTag>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub href: Option<SafeUrl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub role: Option<String>,
    pub bio: Option<Inline>,
    pub avatar: Option<ImageRef>,
    pub href: Option<SafeUrl>,
}

/// An image: `src` is `None` when its URL was not allowed (the alt text stays).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: Option<SafeUrl>,
    pub alt: String,
}

/// Inline content: a run of spans.
pub type Inline = Vec<Span>;

/// A run of text with its marks. A plain string becomes one unmarked span.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub em: bool,
    pub strong: bool,
    pub code: bool,
    /// `None` for plain text, or when the link's URL was not allowed.
    pub href: Option<SafeUrl>,
}

/// A block of the body, with its optional id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub id: Option<BlockId>,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph {
        text: Inline,
    },
    Heading {
        /// 2, 3 or 4.
        level: u8,
        text: Inline,
    },
    Quote {
        text: Inline,
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Inline>,
    },
    Image {
        image: ImageRef,
        caption: Option<Inline>,
        credit: Option<String>,
        width: Option<u32>,
        height: Option<u32>,
    },
    Rule,
}

/// A teaser for another article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub title: String,
    pub href: Option<SafeUrl>,
    /// The JSON of that article, for opening it in place.
    pub article: Option<SafeUrl>,
    pub category: Option<String>,
    pub published: Option<Timestamp>,
    pub image: Option<ImageRef>,
    pub dek: Option<String>,
}

/// One problem in a document: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `body[3].level`; `(document)` for the whole document.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentError {
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// The bytes are not JSON.
    NotJson(String),
    /// The document breaks the contract; at least one problem, in document order.
    Invalid(Vec<Problem>),
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes } => write!(
                f,
                "the document is {bytes} bytes, over the limit of {MAX_DOCUMENT_BYTES} bytes"
            ),
            Self::NotJson(detail) => write!(f, "not valid JSON ({detail})"),
            Self::Invalid(problems) => {
                match problems.first() {
                    Some(first) => write!(f, "{first}")?,
                    None => f.write_str("invalid document")?,
                }
                match problems.len() {
                    0 | 1 => Ok(()),
                    2 => f.write_str(" (and 1 more problem)"),
                    n => write!(f, " (and {} more problems)", n - 1),
                }
            }
        }
    }
}

impl std::error::Error for ContentError {}
