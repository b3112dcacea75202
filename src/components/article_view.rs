//! The article itself, rendered from a checked [`Article`]. A view: it only
//! renders its props.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Article;

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ArticleViewProps {
    /// The checked article.
    pub article: Rc<Article>,
    /// Heading level of the title (1 to 6).
    pub heading_level: u8,
}

/// Renders an article as an `<article>` labelled by its title.
// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let title_id = format!("lc-title-{}", article.id);
    let tag = heading_tag(props.heading_level);
    html! {
        <article class="lc-article" lang={article.lang.to_string()} aria-labelledby={title_id.clone()}>
            <header class="lc-article__header">
                <@{tag} id={title_id} class="lc-article__title" tabindex="-1">
                    { article.title.clone() }
                </@>
            </header>
        </article>
    }
}

/// The heading element's name for a level, clamped to 1..=6.
fn heading_tag(level: u8) -> &'static str {
    match level {
        0 | 1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}
