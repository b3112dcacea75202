//! Server-side rendering (feature `ssr`, native only): a checked article to
//! the same HTML the widget shows, for pages that must be readable before
//! any script runs, and for the benchmark's static baseline.

use yew::LocalServerRenderer;

use crate::components::article_view::{ArticleView, ArticleViewProps};
use crate::components::HeadingLevel;
use crate::model::Article;

/// The article's HTML: `<div class="lectern">` holding the `<article>`, as
/// the widget renders it before any effect runs (dates as written, the bio
/// closed, back-to-top hidden).
///
/// # Errors
/// When the async runtime that Yew's renderer needs cannot start.
pub fn article_html(article: Article, heading_level: u8) -> std::io::Result<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let local = tokio::task::LocalSet::new();
    let props = ArticleViewProps {
        article: crate::components::Doc::new(article),
        heading_level: HeadingLevel::new(heading_level),
        id_prefix: "lectern-ssr".into(),
        related_mode: crate::RelatedMode::Link,
        on_select_language: yew::Callback::noop(),
        on_open_related: yew::Callback::noop(),
        on_back_to_top: yew::Callback::noop(),
        title_ref: yew::NodeRef::default(),
        page_origin: None,
    };
    let body = local.block_on(&runtime, async move {
        LocalServerRenderer::<ArticleView>::with_props(props)
            .hydratable(false)
            .render()
            .await
    });
    Ok(format!(
        "<div class=\"lectern\" id=\"lectern-ssr\">{body}</div>"
    ))
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
        let html = article_html(article, 1).unwrap();
        assert!(html.contains("<article lang=\"zh-Hans\" aria-labelledby=\"lectern-ssr-title\" class=\"lc-article\">"), "{html}");
        assert!(
            html.contains("标题 &lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
            "{html}"
        );
        assert!(
            html.contains("<p data-block-id=\"p1\" class=\"lc-body__p\">x <em>y</em></p>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<time datetime=\"2018-04-04\" class=\"lc-article__date\">2018-04-04</time>"
            ),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }
}
