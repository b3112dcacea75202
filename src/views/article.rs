//! The whole article: header, language selector, body, author bio, related
//! strip and back-to-top, rendered from a checked [`Article`]. A function of
//! the Reader's state, holding none of its own, so that the Reader's whole
//! view is plain elements (what hydration needs to check a pre-render).

use yew::prelude::*;

use super::author_bio::{author_bio, AuthorBioProps};
use super::back_to_top::{back_to_top, BackToTop};
use super::body::{article_body, BodyContext};
use super::header::{article_header, ArticleHeaderProps};
use super::language_selector::{language_selector, LanguageSelectorProps};
use super::related::{related_strip, RelatedStripProps};
use super::settings::{settings_panel, SettingsProps};
use super::{HeadingLevel, RelatedMode};
use crate::i18n::{Catalog, Key};
use crate::model::langtag::direction;
use crate::model::Article;
use crate::settings::Settings;

/// The elements the Reader reaches into (focus, scrolling, observing).
#[derive(Clone, Default, PartialEq)]
pub struct Refs {
    pub root: NodeRef,
    pub header: NodeRef,
    pub title: NodeRef,
    pub bio_button: NodeRef,
    pub settings_button: NodeRef,
}

/// What the reader can do in the article.
#[derive(Clone, Default, PartialEq)]
pub struct Handlers {
    pub on_select_language: Callback<String>,
    pub on_open_related: Callback<usize>,
    pub on_back_to_top: Callback<()>,
    pub on_toggle_bio: Callback<()>,
    pub on_close_bio: Callback<()>,
    /// A block's link (its fragment).
    pub on_link: Callback<String>,
    pub on_toggle_settings: Callback<()>,
    pub on_close_settings: Callback<()>,
    pub on_settings: Callback<Settings>,
}

/// What [`article_view`] shows.
// The flags are independent parts of the view (panels open, where the
// notice goes), as in the Reader's state.
#[allow(clippy::struct_excessive_bools)]
pub struct ArticleViewProps<'a> {
    pub article: &'a Article,
    /// The version beside it (对照).
    pub second: Option<&'a Article>,
    /// The choice on screen: the language, or the pair.
    pub choice: &'a str,
    /// The block the page's fragment targets.
    pub target: Option<&'a str>,
    pub settings: Settings,
    pub settings_open: bool,
    /// The host sets its own typeface.
    pub host_face: bool,
    pub heading_level: HeadingLevel,
    /// Each version's page (a URL with `{lang}`), where there are pages.
    pub pages: Option<&'a str>,
    /// Unique prefix for this widget's element ids.
    pub id_prefix: &'a str,
    pub related_mode: RelatedMode,
    pub page_origin: Option<&'a str>,
    pub bio_open: bool,
    pub back_to_top: BackToTop,
    /// An alert about a failed switch or related article, shown under the
    /// language selector (`notice_at_related`: above the related strip,
    /// where the reader clicked) while the article stays.
    pub notice: Html,
    pub notice_at_related: bool,
    pub refs: &'a Refs,
    pub handlers: &'a Handlers,
    /// The widget's own words.
    pub ui: &'a Catalog,
}

/// `lang` and `dir` for the widget's own words inside content in another
/// language (`None` where the two are one).
#[derive(Clone, Copy)]
pub struct UiAttrs<'a>(pub Option<(&'a AttrValue, &'static str)>);

impl<'a> UiAttrs<'a> {
    #[must_use]
    pub fn new(ui: &'a Catalog, content: &str) -> Self {
        Self((!ui.tag.eq_ignore_ascii_case(content)).then_some((&ui.tag, ui.dir.as_str())))
    }

    #[must_use]
    pub fn lang(self) -> Option<AttrValue> {
        self.0.map(|(lang, _)| lang.clone())
    }

    #[must_use]
    pub fn dir(self) -> Option<&'static str> {
        self.0.map(|(_, dir)| dir)
    }
}

/// An `<article>` labelled by its title, in its own language.
pub fn article_view(props: &ArticleViewProps<'_>) -> Html {
    let article = props.article;
    let lang = article.lang.to_string();
    let ui = props.ui;
    let own = UiAttrs::new(ui, &lang);
    let title_id = AttrValue::from(format!("{}-title", props.id_prefix));
    let level = props.heading_level;
    let origin = props.page_origin;
    let (notice_top, notice_related) = if props.notice_at_related {
        (Html::default(), props.notice.clone())
    } else {
        (props.notice.clone(), Html::default())
    };
    html! {
        <article class="lc-article" lang={lang.clone()} dir={direction(&lang).as_str()} aria-labelledby={title_id.clone()}>
            <div ref={props.refs.header.clone()}>
                { article_header(&ArticleHeaderProps { article, second: props.second, level, title_id: &title_id,
                    title_ref: &props.refs.title, page_origin: origin, ui }) }
            </div>
            <div class="lc-tools" lang={own.lang()} dir={own.dir()}>
                if article.translations.len() > 1 {
                    { language_selector(&LanguageSelectorProps { article, current: &lang, choice: props.choice,
                        pages: props.pages, on_select_language: &props.handlers.on_select_language, ui }) }
                }
                { settings_panel(&SettingsProps { ui, id_prefix: props.id_prefix, settings: props.settings,
                    open: props.settings_open, host_face: props.host_face, button_ref: &props.refs.settings_button,
                    on_toggle: &props.handlers.on_toggle_settings, on_close: &props.handlers.on_close_settings,
                    on_change: &props.handlers.on_settings }) }
            </div>
            { notice_top }
            // Two columns (对照): the first language on the UI's start side.
            <div class="lc-article__body" dir={props.second.map(|_| ui.dir.as_str())}>{ article_body(article, props.second, &BodyContext { title_level: level,
                origin, target: props.target, link_label: ui.text(Key::LinkToParagraph),
                on_link: &props.handlers.on_link }) }</div>
            if !article.authors.is_empty() {
                { author_bio(&AuthorBioProps { article, ui, own, id_prefix: props.id_prefix,
                    level: level.nested(1), page_origin: origin, open: props.bio_open,
                    button_ref: &props.refs.bio_button, on_toggle: &props.handlers.on_toggle_bio,
                    on_close: &props.handlers.on_close_bio }) }
            }
            { notice_related }
            { related_strip(&RelatedStripProps { article, ui, own, id_prefix: props.id_prefix,
                level: level.nested(1), mode: props.related_mode,
                on_open_related: &props.handlers.on_open_related, page_origin: origin }) }
            { back_to_top(ui.text(Key::BackToTop), own, props.id_prefix, props.back_to_top,
                &props.handlers.on_back_to_top) }
        </article>
    }
}
