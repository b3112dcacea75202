//! The article header: category, title, dek, dates, byline and reading time.

use yew::prelude::*;

use super::date::formatted_date;
use super::inline::rel_for;
use super::HeadingLevel;
use crate::i18n::{reading_minutes, Catalog, Key};
use crate::model::langtag::direction;
use crate::model::Article;

/// What [`article_header`] shows.
pub struct ArticleHeaderProps<'a> {
    pub article: &'a Article,
    /// The version beside it (对照): its category, title and dek follow the
    /// first's, each in its own language.
    pub second: Option<&'a Article>,
    pub level: HeadingLevel,
    /// The title's id, which labels the article.
    pub title_id: &'a AttrValue,
    /// For moving focus to the title.
    pub title_ref: &'a NodeRef,
    pub page_origin: Option<&'a str>,
    /// The widget's own words.
    pub ui: &'a Catalog,
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
pub fn article_header(props: &ArticleHeaderProps<'_>) -> Html {
    let article = props.article;
    let ui = props.ui;
    let own = super::article::UiAttrs::new(ui, article.lang.as_str());
    let origin = props.page_origin;
    let second = props.second;
    let lang2 = second.map(|s| s.lang.to_string());
    let dir2 = second.map(|s| direction(s.lang.as_str()).as_str());
    let category = |a: &Article, lang: Option<String>| {
        a.category.as_ref().map(|c| match &c.href {
            Some(href) => html! {
                <a class="lc-article__category" dir={lang.as_ref().map(|l| direction(l).as_str())} {lang} href={href.to_string()} rel={rel_for(href, origin)}>{ c.name.clone() }</a>
            },
            None => html! { <span class="lc-article__category" dir={lang.as_ref().map(|l| direction(l).as_str())} {lang}>{ c.name.clone() }</span> },
        })
    };
    let dek = |a: &Article, lang: Option<String>| {
        a.dek
            .as_ref()
            .map(|dek| html! { <p class="lc-article__dek" dir={lang.as_ref().map(|l| direction(l).as_str())} {lang}>{ dek.clone() }</p> })
    };
    let authors: Html = article
        .authors
        .iter()
        .map(|author| {
            html! {
                <li class="lc-byline__author">
                    <span class="lc-byline__name"><bdi>{ author.name.clone() }</bdi></span>
                    if let Some(role) = &author.role {
                        <span class="lc-byline__role"><bdi>{ role.clone() }</bdi></span>
                    }
                </li>
            }
        })
        .collect();
    let tag = props.level.tag();
    html! {
        <header class="lc-article__header">
            { for category(article, None) }
            { for second.and_then(|s| category(s, lang2.clone())) }
            <@{tag} id={props.title_id.clone()} class="lc-article__title" tabindex="-1" ref={props.title_ref.clone()}>
                { article.title.clone() }
                if let Some(s) = second {
                    <span class="lc-article__title2" lang={lang2.clone()} dir={dir2}>{ s.title.clone() }</span>
                }
            </@>
            { for dek(article, None) }
            { for second.and_then(|s| dek(s, lang2)) }
            <p class="lc-article__meta">
                <span class="lc-visually-hidden">{ ui.text(Key::Published) }{ " " }</span>
                { formatted_date(&article.published) }
                if let Some(updated) = &article.updated {
                    <span class="lc-article__updated">
                        { ui.text(Key::Updated) }{ " " }
                        { formatted_date(updated) }
                    </span>
                }
                <span class="lc-article__reading-time" lang={own.lang()} dir={own.dir()}>{ ui.reading_time(reading_minutes(article)) }</span>
            </p>
            if !article.authors.is_empty() {
                <ul class="lc-byline" aria-label={ui.text(Key::By)}>{ authors }</ul>
            }
        </header>
    }
}
