//! The language selector: the article's versions, each labelled in its own
//! language, as links in a labelled navigation landmark. Each is a real link
//! (`?lang=TAG`, the standalone page's URL for that version), so a
//! pre-rendered selector works before the widget is live; the live widget
//! switches in place. Where each version has its own published page
//! (`pages`), the links go there, live or not.

use yew::prelude::*;

use crate::i18n::UiLang;
use crate::model::Article;

/// What [`language_selector`] shows.
pub struct LanguageSelectorProps<'a> {
    /// The article whose versions are offered.
    pub article: &'a Article,
    /// The language shown now.
    pub current: &'a str,
    /// Each version's page: a URL with `{lang}`.
    pub pages: Option<&'a str>,
    /// Called with the chosen language tag.
    pub on_select_language: &'a Callback<String>,
}

/// `<nav aria-label="Language">` with one link per version; the current one
/// has `aria-current="true"`. A machine-converted version says so.
pub fn language_selector(props: &LanguageSelectorProps<'_>) -> Html {
    let strings = UiLang::for_tag(props.current).strings();
    let in_place = props.pages.is_none();
    let choices: Html = props
        .article
        .translations
        .iter()
        .filter(|t| t.href.is_some() || t.lang.as_str() == props.current)
        .map(|t| {
            let current = t.lang.as_str() == props.current;
            let lang = t.lang.to_string();
            let onclick = {
                let on_select = props.on_select_language.clone();
                let lang = lang.clone();
                Callback::from(move |e: MouseEvent| {
                    // Modified clicks open the version's page, as links do;
                    // published pages are always followed.
                    if in_place && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0) {
                        e.prevent_default();
                        on_select.emit(lang.clone());
                    }
                })
            };
            html! {
                <li>
                    <a class="lc-lang__choice" href={props.pages.map_or_else(|| format!("?lang={lang}"), |p| p.replace("{lang}", &lang))} hreflang={lang.clone()}
                        lang={lang} {onclick} aria-current={current.then_some("true")}>
                        { t.label.clone() }
                    </a>
                </li>
            }
        })
        .collect();
    let converted = props
        .article
        .translations
        .iter()
        .find(|t| t.lang.as_str() == props.current)
        .and_then(|t| t.converted_from.as_ref())
        .map(|from| {
            let label = props
                .article
                .translations
                .iter()
                .find(|t| &t.lang == from)
                .map_or_else(|| from.to_string(), |t| t.label.clone());
            html! { <p class="lc-lang__converted">{ strings.converted_from(&label) }</p> }
        });
    html! {
        <nav class="lc-lang" aria-label={strings.language}>
            <ul class="lc-lang__list">{ choices }</ul>
            { for converted }
        </nav>
    }
}
