//! Inline content: text with emphasis, strong, code and links. Text is
//! always text; links carry only URLs that passed the allow-list.

use yew::prelude::*;

use crate::model::{Inline, SafeUrl, Span};

/// The origin (`scheme://host:port`) of an http(s) URL serialized by a
/// WHATWG parser; `None` for other schemes.
#[must_use]
pub fn origin_of(href: &str) -> Option<&str> {
    let rest = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    href.get(..href.len() - rest.len() + end)
}

/// `rel` for a link: links that leave the page's origin (or whose page
/// origin is unknown) get `noopener noreferrer`.
#[must_use]
pub fn rel_for(href: &SafeUrl, page_origin: Option<&str>) -> Option<AttrValue> {
    let same = matches!((origin_of(href.as_str()), page_origin), (Some(a), Some(b)) if a == b);
    (!same).then_some(AttrValue::Static("noopener noreferrer"))
}

fn span(span: &Span, page_origin: Option<&str>) -> Html {
    let mut node = html! { { span.text.clone() } };
    if span.code {
        node = html! { <code>{ node }</code> };
    }
    if span.em {
        node = html! { <em>{ node }</em> };
    }
    if span.strong {
        node = html! { <strong>{ node }</strong> };
    }
    if let Some(href) = &span.href {
        let rel = rel_for(href, page_origin);
        node = html! { <a href={href.to_string()} {rel}>{ node }</a> };
    }
    node
}

/// Renders inline content as a fragment.
pub fn render(inline: &Inline, page_origin: Option<&str>) -> Html {
    inline.iter().map(|s| span(s, page_origin)).collect()
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_of_serialized_urls() {
        let cases = [
            ("https://example.org/a/b", Some("https://example.org")),
            ("http://127.0.0.1:8080/?x", Some("http://127.0.0.1:8080")),
            ("https://example.org", Some("https://example.org")),
            ("https://example.org#top", Some("https://example.org")),
            ("mailto:a@example.org", None),
        ];
        for (href, expected) in cases {
            assert_eq!(origin_of(href), expected, "{href}");
        }
    }
}
