//! The author bio panel: a disclosure button (`aria-expanded`) that shows
//! name, role, avatar, bio and profile link. Escape closes it.

use yew::prelude::*;

use super::inline;
use super::HeadingLevel;
use crate::i18n::UiLang;

/// Properties of [`AuthorBio`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct AuthorBioProps {
    pub article: super::Doc,
    pub ui: UiLang,
    /// Unique prefix for element ids.
    pub id_prefix: AttrValue,
    pub level: HeadingLevel,
    #[prop_or_default]
    pub page_origin: Option<AttrValue>,
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
#[component]
pub fn AuthorBio(props: &AuthorBioProps) -> Html {
    let open = use_state(|| false);
    let button_ref = use_node_ref();
    let panel_id = format!("{}-bio", props.id_prefix);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let (open, button_ref) = (open.clone(), button_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                e.stop_propagation();
                open.set(false);
                if let Some(button) = button_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    let origin = props.page_origin.as_deref();
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
                    <@{tag} class="lc-bio__name">{ author.name.clone() }</@>
                    if let Some(role) = &author.role {
                        <p class="lc-bio__role">{ role.clone() }</p>
                    }
                    if let Some(bio) = &author.bio {
                        <p class="lc-bio__text">{ inline::render(bio, origin) }</p>
                    }
                    if let Some(href) = &author.href {
                        <p><a class="lc-bio__profile" href={href.to_string()} rel={inline::rel_for(href, origin)}>
                            { props.ui.strings().profile }
                        </a></p>
                    }
                </div>
            }
        })
        .collect();
    html! {
        <section class="lc-bio" aria-label={props.ui.strings().about_the_author} {onkeydown}>
            <button type="button" class="lc-bio__toggle" ref={button_ref} {onclick}
                aria-expanded={if *open { "true" } else { "false" }} aria-controls={panel_id.clone()}>
                { props.ui.strings().about_the_author }
            </button>
            <div id={panel_id} class="lc-bio__panel" hidden={!*open}>{ authors }</div>
        </section>
    }
}
