//! The Reader's views: plain functions of what they are given, one part of
//! the article per file, holding no state (the Reader, `crate::reader`,
//! fetches and decides). Being functions, not components, the whole view is
//! plain elements, which a pre-render can be checked against before it is
//! hydrated (`hydrate.rs`), and costs no component machinery in the wasm.

pub mod article;
pub mod author_bio;
pub mod back_to_top;
pub mod body;
pub mod date;
pub mod header;
pub mod inline;
pub mod language_selector;
pub mod related;
pub mod settings;
pub mod status;

/// A checked article as the views share it. Two are equal when they are the
/// same document (one allocation): documents never change once checked, so
/// that is all a view needs to know to skip a render, and it costs no deep
/// comparison (nor its code).
#[derive(Debug, Clone)]
pub struct Doc(std::rc::Rc<crate::model::Article>);

impl Doc {
    #[must_use]
    pub fn new(article: crate::model::Article) -> Self {
        Self(std::rc::Rc::new(article))
    }
}

impl std::ops::Deref for Doc {
    type Target = crate::model::Article;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Whether a click is a plain one (the main button, no modifier): modified
/// clicks on a link open it as a link does, so the widget leaves them alone.
#[must_use]
pub fn plain_click(e: &yew::MouseEvent) -> bool {
    !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() || e.button() != 0)
}

/// A panel's `keydown`: Escape, while it is `open`, calls `on_close`.
#[must_use]
pub fn escape_closes(
    open: bool,
    on_close: &yew::Callback<()>,
) -> yew::Callback<yew::KeyboardEvent> {
    let on_close = on_close.clone();
    yew::Callback::from(move |e: yew::KeyboardEvent| {
        if e.key() == "Escape" && open {
            e.stop_propagation();
            on_close.emit(());
        }
    })
}

/// A heading level, 1 to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    /// A level, clamped to 1..=6.
    #[must_use]
    pub fn new(level: u8) -> Self {
        Self(level.clamp(1, 6))
    }

    /// The level `by` below this one, at most 6.
    #[must_use]
    pub fn nested(self, by: u8) -> Self {
        Self::new(self.0.saturating_add(by))
    }

    /// The level as a number.
    #[must_use]
    pub fn get(self) -> u8 {
        self.0
    }

    /// The element name: `h1` … `h6`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        ["h1", "h2", "h3", "h4", "h5", "h6"]
            .get(usize::from(self.0.saturating_sub(1)))
            .copied()
            .unwrap_or("h6")
    }
}

/// What a related teaser does when clicked (`data-lectern-related`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RelatedMode {
    /// A plain link to the article's page.
    #[default]
    Link,
    /// Opens the article in place, from its `article` JSON.
    Inline,
}

impl RelatedMode {
    /// Reads the attribute value; anything but `inline` is `link`.
    #[must_use]
    pub fn parse(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            Some(v) if v.eq_ignore_ascii_case("inline") => Self::Inline,
            _ => Self::Link,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_nest_and_clamp() {
        assert_eq!(HeadingLevel::new(0).tag(), "h1");
        assert_eq!(HeadingLevel::new(9).tag(), "h6");
        assert_eq!(HeadingLevel::new(1).nested(1).tag(), "h2");
        assert_eq!(HeadingLevel::new(2).nested(3).tag(), "h5");
        assert_eq!(HeadingLevel::new(5).nested(3).tag(), "h6");
    }

    #[test]
    fn related_mode_reads_the_attribute() {
        assert_eq!(RelatedMode::parse(Some("inline")), RelatedMode::Inline);
        assert_eq!(RelatedMode::parse(Some(" Inline ")), RelatedMode::Inline);
        assert_eq!(RelatedMode::parse(Some("link")), RelatedMode::Link);
        assert_eq!(RelatedMode::parse(Some("modal")), RelatedMode::Link);
        assert_eq!(RelatedMode::parse(None), RelatedMode::Link);
    }
}
