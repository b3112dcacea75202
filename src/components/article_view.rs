//! The whole article: header, language selector, body, author bio, related
//! strip and back-to-top, rendered from a checked [`Article`].

use yew::prelude::*;

use super::author_bio::AuthorBio;
use super::back_to_top::back_to_top;
use super::body::ArticleBody;
use super::header::{article_header, ArticleHeaderProps};
use super::language_selector::{language_selector, LanguageSelectorProps};
use super::related::{related_strip, RelatedStripProps};
use super::{Doc, HeadingLevel, RelatedMode};
use crate::hooks::use_out_of_view;
use crate::i18n::UiLang;

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ArticleViewProps {
    pub article: Doc,
    pub heading_level: HeadingLevel,
    /// Unique prefix for this widget's element ids.
    pub id_prefix: AttrValue,
    #[prop_or_default]
    pub related_mode: RelatedMode,
    #[prop_or_default]
    pub on_select_language: Callback<String>,
    #[prop_or_default]
    pub on_open_related: Callback<usize>,
    /// Back-to-top was activated.
    #[prop_or_default]
    pub on_back_to_top: Callback<()>,
    #[prop_or_default]
    pub title_ref: NodeRef,
    #[prop_or_default]
    pub page_origin: Option<AttrValue>,
}

/// An `<article>` labelled by its title, in its own language.
#[component]
pub fn ArticleView(props: &ArticleViewProps) -> Html {
    let article = &props.article;
    let lang = AttrValue::from(article.lang.to_string());
    let ui = UiLang::for_tag(article.lang.as_str());
    let strings = ui.strings();
    let title_id = AttrValue::from(format!("{}-title", props.id_prefix));
    let header_ref = use_node_ref();
    let header_out_of_view = use_out_of_view(header_ref.clone());
    let level = props.heading_level;
    let origin = props.page_origin.as_deref();
    html! {
        <article class="lc-article" lang={lang.clone()} aria-labelledby={title_id.clone()}>
            <div ref={header_ref}>
                { article_header(&ArticleHeaderProps { article, level, title_id: &title_id,
                    title_ref: &props.title_ref, page_origin: origin }) }
            </div>
            if article.translations.len() > 1 {
                { language_selector(&LanguageSelectorProps { article, current: &lang,
                    on_select_language: &props.on_select_language }) }
            }
            <div class="lc-article__body">
                <ArticleBody article={article.clone()} title_level={level}
                    page_origin={props.page_origin.clone()} />
            </div>
            if !article.authors.is_empty() {
                <AuthorBio article={article.clone()} {ui} level={level.nested(1)}
                    id_prefix={props.id_prefix.clone()} page_origin={props.page_origin.clone()} />
            }
            { related_strip(&RelatedStripProps { article, ui, id_prefix: &props.id_prefix,
                level: level.nested(1), mode: props.related_mode, on_open_related: &props.on_open_related,
                page_origin: origin }) }
            { back_to_top(strings.back_to_top, &props.id_prefix, header_out_of_view, &props.on_back_to_top) }
        </article>
    }
}
