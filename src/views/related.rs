//! "You might also like": teasers for related articles. In `link` mode each
//! is a plain link; in `inline` mode a click opens the article in place.

use yew::prelude::*;

use super::date::formatted_date;
use super::inline::rel_for;
use super::{HeadingLevel, RelatedMode};
use crate::i18n::{Catalog, Key};
use crate::model::Article;

/// What [`related_strip`] shows.
pub struct RelatedStripProps<'a> {
    pub article: &'a Article,
    pub ui: &'a Catalog,
    pub own: super::article::UiAttrs<'a>,
    pub id_prefix: &'a str,
    pub level: HeadingLevel,
    pub mode: RelatedMode,
    /// Called with the teaser's index when it opens in place.
    pub on_open_related: &'a Callback<usize>,
    pub page_origin: Option<&'a str>,
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
pub fn related_strip(props: &RelatedStripProps<'_>) -> Html {
    if props.article.related.is_empty() {
        return Html::default();
    }
    let heading_id = format!("{}-related", props.id_prefix);
    let origin = props.page_origin;
    let teasers: Html = props
        .article
        .related
        .iter()
        .enumerate()
        .map(|(index, teaser)| {
            let inline = props.mode == RelatedMode::Inline && teaser.article.is_some();
            let onclick = inline.then(|| {
                let on_open = props.on_open_related.clone();
                Callback::from(move |e: MouseEvent| {
                    // Let modified clicks open a new tab as links do.
                    if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0) {
                        e.prevent_default();
                        on_open.emit(index);
                    }
                })
            });
            let body = html! {
                <>
                    if let Some(src) = teaser.image.as_ref().and_then(|i| i.src.as_ref()) {
                        <img class="lc-teaser__img" src={src.to_string()} width="320" height="180" loading="lazy"
                            alt={teaser.image.as_ref().map(|i| i.alt.clone()).unwrap_or_default()} />
                    }
                    <span class="lc-teaser__title">{ teaser.title.clone() }</span>
                </>
            };
            html! {
                <li class="lc-teaser">
                    if let Some(category) = &teaser.category {
                        <span class="lc-teaser__category">{ category.clone() }</span>
                    }
                    if let Some(href) = &teaser.href {
                        <a class="lc-teaser__link" href={href.to_string()} rel={rel_for(href, origin)} {onclick}>{ body }</a>
                    } else {
                        <span class="lc-teaser__link">{ body }</span>
                    }
                    if let Some(published) = &teaser.published {
                        { formatted_date(published) }
                    }
                    if let Some(dek) = &teaser.dek {
                        <p class="lc-teaser__dek">{ dek.clone() }</p>
                    }
                </li>
            }
        })
        .collect();
    let tag = props.level.tag();
    html! {
        <section class="lc-related" aria-labelledby={heading_id.clone()}>
            <@{tag} id={heading_id} class="lc-related__title" lang={props.own.lang()} dir={props.own.dir()}>{ props.ui.text(Key::YouMightAlsoLike) }</@>
            <ul class="lc-related__list">{ teasers }</ul>
        </section>
    }
}
