//! Server-side rendering (feature `ssr`, native only): a checked article to
//! the same HTML the widget shows, for pages that must be readable before
//! any script runs, and for the benchmark's static baseline.

use yew::LocalServerRenderer;

use crate::model::Article;
use crate::views::Doc;
use crate::{Reader, ReaderProps};

/// The article's HTML: `<div class="lectern">` holding the `<article>`,
/// exactly as the widget's first view shows it (the bio closed,
/// back-to-top hidden; dates formatted as the browser would in English and
/// Chinese, as written otherwise), so that the widget can hydrate it.
/// Element ids start with `id_prefix`; `pages` is each version's published
/// page (a URL with `{lang}`), if there are pages.
///
/// # Errors
/// When the async runtime that Yew's renderer needs cannot start.
pub fn article_html(
    mut article: Article,
    heading_level: u8,
    id_prefix: &str,
    pages: Option<&str>,
) -> std::io::Result<String> {
    crate::views::date::format_dates(&mut article);
    let props = ReaderProps {
        src: "".into(),
        heading_level,
        lang: None,
        related: crate::RelatedMode::Link,
        standalone: false,
        page_origin: None,
        prefs: std::rc::Rc::default(),
        on_language_change: yew::Callback::noop(),
        on_error: yew::Callback::noop(),
        initial: Some(Doc::new(article)),
        on_ready: yew::Callback::noop(),
        on_settled: yew::Callback::noop(),
        fence: std::rc::Rc::default(),
        storage: true,
        on_load: yew::Callback::noop(),
        id_prefix: Some(id_prefix.to_owned().into()),
        pages: pages.map(|p| p.to_owned().into()),
    };
    // One runtime per thread, made once: a publish renders thousands of
    // pages on each.
    thread_local! {
        static RUNTIME: std::cell::OnceCell<tokio::runtime::Runtime> = const { std::cell::OnceCell::new() };
    }
    RUNTIME.with(|cell| {
        let runtime = if let Some(runtime) = cell.get() {
            runtime
        } else {
            let built = tokio::runtime::Builder::new_current_thread().build()?;
            cell.get_or_init(|| built)
        };
        let local = tokio::task::LocalSet::new();
        Ok(local.block_on(runtime, async move {
            LocalServerRenderer::<Reader>::with_props(props)
                .hydratable(false)
                .render()
                .await
        }))
    })
}

/// The default prefix of a pre-render's element ids: from the article's id
/// and language, and an ordinal for the same article rendered more than
/// once on a page (`lectern-ssr-ID-LANG-N`), so ids never collide.
#[must_use]
pub fn default_id_prefix(article: &Article, ordinal: u32) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    };
    format!(
        "lectern-ssr-{}-{}-{ordinal}",
        clean(article.id.as_str()),
        clean(article.lang.as_str())
    )
}

/// `json` for a `<script type="application/json">` element: `<` escaped, so
/// that nothing in it can close the element or open a comment.
#[must_use]
pub fn inline_json(json: &serde_json::Value) -> String {
    json.to_string().replace('<', "\\u003c")
}

/// The UI catalog a pre-render of `article` speaks, as the element that
/// hands it to the widget (`<script type="application/json"
/// data-lectern-strings>`), so the widget goes live in the same words with
/// no request for them; nothing for English, which the wasm has.
#[must_use]
pub fn catalog_script(article: &Article) -> String {
    let shipped = crate::i18n::catalog::SHIPPED;
    let tags: Vec<&str> = shipped.iter().map(|(tag, _)| *tag).collect();
    let tag = crate::i18n::ui_language(None, Some(article.lang.as_str()), &[], &tags);
    shipped
        .iter()
        .filter(|(t, _)| *t == tag && tag != "en")
        .find_map(|(_, json)| serde_json::from_str::<serde_json::Value>(json).ok())
        .map(|json| {
            format!(
                "<script type=\"application/json\" data-lectern-strings>{}</script>",
                inline_json(&json)
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{check_value, Resolver, WhatwgUrl};

    #[test]
    fn renders_the_article_as_escaped_html() {
        let doc = serde_json::json!({
            "format": "lectern.article/1", "id": "a", "lang": "zh-Hans",
            "title": "标题 <script>alert(1)</script>", "published": "2018-04-04",
            "authors": [{ "name": "A" }],
            "body": [{ "type": "paragraph", "id": "p1", "text": ["x ", { "text": "y", "em": true }] }]
        });
        let article = check_value(&doc, &Resolver::new(&WhatwgUrl, None)).unwrap();
        let html = article_html(article, 1, "lectern-ssr", None).unwrap();
        assert!(html.contains("<article lang=\"zh-Hans\" dir=\"ltr\" aria-labelledby=\"lectern-ssr-title\" class=\"lc-article\">"), "{html}");
        assert!(
            html.contains("标题 &lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
            "{html}"
        );
        assert!(
            html.contains("<div data-block-id=\"p1\" class=\"lc-block\"><p class=\"lc-body__p\">x <em>y</em></p>"),
            "{html}"
        );
        // The paragraph's link is in the page before any script runs.
        assert!(
            html.contains("<a href=\"#lectern-a-p1\" aria-label=\"链接到此段\" class=\"lc-block__link\">¶</a>"),
            "{html}"
        );
        assert!(
            html.contains("<time datetime=\"2018-04-04\">2018年4月4日</time>"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }
}
