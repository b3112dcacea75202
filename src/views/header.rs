//! The article header: category, title, dek, dates, byline and reading time.

use yew::prelude::*;

use super::date::formatted_date;
use super::inline::rel_for;
use super::HeadingLevel;
use crate::i18n::{reading_minutes, UiLang};
use crate::model::Article;

/// What [`article_header`] shows.
pub struct ArticleHeaderProps<'a> {
    pub article: &'a Article,
    pub level: HeadingLevel,
    /// The title's id, which labels the article.
    pub title_id: &'a AttrValue,
    /// For moving focus to the title.
    pub title_ref: &'a NodeRef,
    pub page_origin: Option<&'a str>,
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
pub fn article_header(props: &ArticleHeaderProps<'_>) -> Html {
    let article = props.article;
    let strings = UiLang::for_tag(article.lang.as_str()).strings();
    let origin = props.page_origin;
    let category = article.category.as_ref().map(|c| match &c.href {
        Some(href) => html! {
            <a class="lc-article__category" href={href.to_string()} rel={rel_for(href, origin)}>{ c.name.clone() }</a>
        },
        None => html! { <span class="lc-article__category">{ c.name.clone() }</span> },
    });
    let authors: Html = article
        .authors
        .iter()
        .map(|author| {
            html! {
                <li class="lc-byline__author">
                    <span class="lc-byline__name">{ author.name.clone() }</span>
                    if let Some(role) = &author.role {
                        <span class="lc-byline__role">{ role.clone() }</span>
                    }
                </li>
            }
        })
        .collect();
    let tag = props.level.tag();
    html! {
        <header class="lc-article__header">
            { for category }
            <@{tag} id={props.title_id.clone()} class="lc-article__title" tabindex="-1" ref={props.title_ref.clone()}>
                { article.title.clone() }
            </@>
            if let Some(dek) = &article.dek {
                <p class="lc-article__dek">{ dek.clone() }</p>
            }
            <p class="lc-article__meta">
                <span class="lc-visually-hidden">{ strings.published }{ " " }</span>
                { formatted_date(&article.published) }
                if let Some(updated) = &article.updated {
                    <span class="lc-article__updated">
                        { strings.updated }{ " " }
                        { formatted_date(updated) }
                    </span>
                }
                <span class="lc-article__reading-time">{ strings.reading_time(reading_minutes(article)) }</span>
            </p>
            if !article.authors.is_empty() {
                <ul class="lc-byline" aria-label={strings.by}>{ authors }</ul>
            }
        </header>
    }
}
