//! The language selector: the article's versions, each labelled in its own
//! language, then the pairs (对照, `reading.md`: two versions at once,
//! labelled in the UI language), as links in a labelled navigation
//! landmark. Each is a real link (`?lang=TAG`, the standalone page's URL
//! for that choice), so a pre-rendered selector works before the widget is
//! live; the live widget switches in place. Where each version has its own
//! published page (`pages`), a version's link goes there, live or not, and
//! a pair is offered on the page of its first language (there is no page
//! per pair), in place when that is the page on screen.

use yew::prelude::*;

use crate::i18n::{Catalog, Key};
use crate::model::langtag::direction;
use crate::model::{Article, Translation};

/// What [`language_selector`] shows.
pub struct LanguageSelectorProps<'a> {
    /// The article whose versions are offered.
    pub article: &'a Article,
    /// The language shown now (the first of a pair).
    pub current: &'a str,
    /// The choice on screen: the language, or the pair (`en+zh-Hans`).
    pub choice: &'a str,
    /// Each version's page: a URL with `{lang}`.
    pub pages: Option<&'a str>,
    /// Called with the chosen language tag or pair.
    pub on_select_language: &'a Callback<String>,
    /// The widget's own words.
    pub ui: &'a Catalog,
}

/// The primary language subtag: a pair joins two languages, not two
/// scripts of one.
fn primary(t: &Translation) -> &str {
    t.lang.as_str().split('-').next().unwrap_or_default()
}

/// `<nav aria-label="Language">` with one link per version, then one per
/// pair of versions in two languages; the current one has
/// `aria-current="true"`. A machine-converted version says so.
pub fn language_selector(props: &LanguageSelectorProps<'_>) -> Html {
    let ui = props.ui;
    let offered: Vec<&Translation> = props
        .article
        .translations
        .iter()
        .filter(|t| t.href.is_some() || t.lang.as_str() == props.current)
        .collect();
    let choice = |tag: String, first: &str, label: Html, lang: Option<String>| {
        // A published page per version: links go there, except a choice
        // whose first language is on screen, which switches in place.
        let in_place = props.pages.is_none() || first == props.current;
        let page = props
            .pages
            .map_or_else(String::new, |p| crate::i18n::fill(p, "{lang}", first));
        let href = if props.pages.is_some() && !tag.contains('+') {
            page
        } else {
            format!("{page}?lang={}", tag.replace('+', "%2B"))
        };
        let onclick = {
            let (on_select, tag) = (props.on_select_language.clone(), tag.clone());
            Callback::from(move |e: MouseEvent| {
                // Modified clicks open the choice's page, as links do.
                if in_place && super::plain_click(&e) {
                    e.prevent_default();
                    on_select.emit(tag.clone());
                }
            })
        };
        html! {
            <li>
                <a class="lc-lang__choice" {href} hreflang={lang.clone()}
                    dir={lang.as_ref().map(|l| direction(l).as_str())} {lang} {onclick}
                    aria-current={(tag == props.choice).then_some("true")}>{ label }</a>
            </li>
        }
    };
    let singles: Html = offered
        .iter()
        .map(|t| {
            let lang = t.lang.to_string();
            choice(
                lang.clone(),
                &lang,
                html! { t.label.clone() },
                Some(lang.clone()),
            )
        })
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in offered.iter().enumerate() {
        for b in offered
            .iter()
            .skip(i + 1)
            .filter(|b| primary(b) != primary(a))
        {
            let label = html! {
                <>
                    <bdi lang={a.lang.to_string()}>{ a.label.clone() }</bdi>
                    { "\u{a0}+\u{a0}" }
                    <bdi lang={b.lang.to_string()}>{ b.label.clone() }</bdi>
                </>
            };
            pairs.push(choice(
                format!("{}+{}", a.lang, b.lang),
                a.lang.as_str(),
                label,
                None,
            ));
        }
    }
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
            html! { <p class="lc-lang__converted">{ ui.converted_from(&label) }</p> }
        });
    html! {
        <nav class="lc-lang" aria-label={ui.text(Key::Language)}>
            <ul class="lc-lang__list">
                { singles }
                if !pairs.is_empty() {
                    <li class="lc-lang__pairs">{ ui.text(Key::SideBySide) }</li>
                    { for pairs }
                }
            </ul>
            { for converted }
        </nav>
    }
}
