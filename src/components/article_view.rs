//! The whole article: header, language selector, body, author bio, related
//! strip and back-to-top, rendered from a checked [`Article`].

use std::rc::Rc;

use yew::prelude::*;

use super::author_bio::AuthorBio;
use super::back_to_top::BackToTop;
use super::body::ArticleBody;
use super::header::ArticleHeader;
use super::language_selector::LanguageSelector;
use super::related::RelatedStrip;
use super::{HeadingLevel, RelatedMode};
use crate::hooks::use_out_of_view;
use crate::i18n::UiLang;
use crate::model::Article;

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ArticleViewProps {
    pub article: Rc<Article>,
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
    html! {
        <article class="lc-article" lang={lang.clone()} aria-labelledby={title_id.clone()}>
            <div ref={header_ref}>
                <ArticleHeader article={Rc::clone(article)} {level} title_id={title_id}
                    title_ref={props.title_ref.clone()} page_origin={props.page_origin.clone()} />
            </div>
            if article.translations.len() > 1 {
                <LanguageSelector article={Rc::clone(article)} current={lang.clone()}
                    on_select_language={props.on_select_language.clone()} />
            }
            <div class="lc-article__body">
                <ArticleBody article={Rc::clone(article)} title_level={level}
                    page_origin={props.page_origin.clone()} />
            </div>
            if !article.authors.is_empty() {
                <AuthorBio article={Rc::clone(article)} {ui} level={level.nested(1)}
                    id_prefix={props.id_prefix.clone()} page_origin={props.page_origin.clone()} />
            }
            <RelatedStrip article={Rc::clone(article)} {ui} lang={lang}
                id_prefix={props.id_prefix.clone()} level={level.nested(1)} mode={props.related_mode}
                on_open_related={props.on_open_related.clone()} page_origin={props.page_origin.clone()} />
            <BackToTop label={strings.back_to_top} top_id={props.id_prefix.clone()}
                visible={header_out_of_view} on_back_to_top={props.on_back_to_top.clone()} />
        </article>
    }
}
