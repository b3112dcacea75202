//! The author bio panel: a disclosure button (`aria-expanded`) that shows
//! name, role, avatar, bio and profile link. Escape closes it.

use yew::prelude::*;

use super::inline;
use super::HeadingLevel;
use crate::i18n::{Catalog, Key};
use crate::model::Article;

/// What [`author_bio`] shows.
pub struct AuthorBioProps<'a> {
    pub article: &'a Article,
    pub ui: &'a Catalog,
    pub own: super::article::UiAttrs<'a>,
    /// Unique prefix for element ids.
    pub id_prefix: &'a str,
    pub level: HeadingLevel,
    pub page_origin: Option<&'a str>,
    pub open: bool,
    pub button_ref: &'a NodeRef,
    /// The button was pressed.
    pub on_toggle: &'a Callback<()>,
    /// Escape was pressed inside while open (the panel closes and the
    /// button takes focus).
    pub on_close: &'a Callback<()>,
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
pub fn author_bio(props: &AuthorBioProps<'_>) -> Html {
    let open = props.open;
    let panel_id = format!("{}-bio", props.id_prefix);
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    let onkeydown = super::escape_closes(open, props.on_close);
    let origin = props.page_origin;
    let tag = props.level.tag();
    let authors: Html = props
        .article
        .authors
        .iter()
        .map(|author| {
            html! {
                <div class="lc-bio__author">
                    if let Some(src) = author.avatar.as_ref().and_then(|a| a.src.as_ref()) {
                        <img class="lc-bio__avatar" src={src.to_string()} width="64" height="64" loading="lazy"
                            alt={author.avatar.as_ref().map(|a| a.alt.clone()).unwrap_or_default()} />
                    }
                    <@{tag} class="lc-bio__name"><bdi>{ author.name.clone() }</bdi></@>
                    if let Some(role) = &author.role {
                        <p class="lc-bio__role">{ role.clone() }</p>
                    }
                    if let Some(bio) = &author.bio {
                        <p class="lc-bio__text">{ inline::render(bio, origin) }</p>
                    }
                    if let Some(href) = &author.href {
                        <p><a class="lc-bio__profile" lang={props.own.lang()} dir={props.own.dir()} href={href.to_string()} rel={inline::rel_for(href, origin)}>
                            { props.ui.text(Key::Profile) }
                        </a></p>
                    }
                </div>
            }
        })
        .collect();
    html! {
        <section class="lc-bio" aria-label={props.ui.text(Key::AboutTheAuthor)} {onkeydown}>
            <button type="button" class="lc-bio__toggle" lang={props.own.lang()} dir={props.own.dir()} ref={props.button_ref.clone()} {onclick}
                aria-expanded={if open { "true" } else { "false" }} aria-controls={panel_id.clone()}>
                { props.ui.text(Key::AboutTheAuthor) }
            </button>
            <div id={panel_id} class="lc-bio__panel" hidden={!open}>{ authors }</div>
        </section>
    }
}
