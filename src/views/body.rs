//! The article body: every block type of the content format, each in a
//! `.lc-block` that carries its id as `data-block-id` (so a language switch
//! finds the same passage in the new version), its link
//! (`#lectern-ARTICLE-BLOCK`, `reading.md`) and, when it is the page's
//! target, `aria-current="location"`. Two versions side by side (对照) are
//! one list of blocks, paired by `model::pairing`, each with its own `lang`
//! and its column (`data-col`): a grid of two columns where the widget is
//! wide, interleaved where it is not.

use yew::prelude::*;

use super::inline;
use super::HeadingLevel;
use crate::model::langtag::direction;
use crate::model::pairing::{pair, Row};
use crate::model::{Article, Block, BlockKind};

/// What every block needs besides itself.
pub struct BodyContext<'a> {
    /// Content headings (2–4) nest below the title's level.
    pub title_level: HeadingLevel,
    pub origin: Option<&'a str>,
    /// The block the page's fragment targets.
    pub target: Option<&'a str>,
    /// The link's name for screen readers.
    pub link_label: AttrValue,
    /// A block's link was activated (its fragment).
    pub on_link: &'a Callback<String>,
}

/// The body blocks of `article`, or of it beside `second`.
pub fn article_body(article: &Article, second: Option<&Article>, ctx: &BodyContext<'_>) -> Html {
    let Some(second) = second else {
        return article
            .body
            .iter()
            .map(|b| block_view(b, article, None, ctx))
            .collect();
    };
    let one = |a: &Article, i: usize, col| {
        a.body
            .get(i)
            .map(|b| block_view(b, a, Some(col), ctx))
            .unwrap_or_default()
    };
    pair(&article.body, &second.body)
        .into_iter()
        .map(|row| match row {
            Row::Both(i, j) => html! { <>{ one(article, i, "1") }{ one(second, j, "2") }</> },
            Row::First(i) => one(article, i, "1"),
            Row::Second(j) => one(second, j, "2"),
        })
        .collect()
}

/// One block in its `.lc-block`; in a pair (`col`), with its own `lang`.
fn block_view(
    block: &Block,
    article: &Article,
    col: Option<&'static str>,
    ctx: &BodyContext<'_>,
) -> Html {
    let id = block.id.as_ref().map(crate::model::BlockId::as_str);
    let link = id.map(|id| {
        let fragment = format!("#lectern-{}-{id}", article.id);
        let onclick = {
            let (on_link, fragment) = (ctx.on_link.clone(), fragment.clone());
            Callback::from(move |e: MouseEvent| {
                if super::plain_click(&e) {
                    e.prevent_default();
                    on_link.emit(fragment.clone());
                }
            })
        };
        html! { <a class="lc-block__link" href={fragment} aria-label={ctx.link_label.clone()} {onclick}>{ "¶" }</a> }
    });
    let current = id.is_some() && id == ctx.target;
    html! {
        <div class="lc-block" data-block-id={id.map(str::to_owned)} data-col={col}
            lang={col.map(|_| article.lang.to_string())}
            dir={col.map(|_| direction(article.lang.as_str()).as_str())} aria-current={current.then_some("location")}>
            { render_block(block, ctx.title_level, ctx.origin) }
            { for link }
        </div>
    }
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
fn render_block(block: &Block, title_level: HeadingLevel, origin: Option<&str>) -> Html {
    match &block.kind {
        BlockKind::Paragraph { text } => html! {
            <p class="lc-body__p">{ inline::render(text, origin) }</p>
        },
        BlockKind::Heading { level, text } => {
            let tag = title_level.nested(level.saturating_sub(1)).tag();
            html! {
                <@{tag} class="lc-body__heading">{ inline::render(text, origin) }</@>
            }
        }
        BlockKind::Quote { text, cite } => html! {
            <blockquote class="lc-body__quote">
                <p>{ inline::render(text, origin) }</p>
                if let Some(cite) = cite {
                    <footer class="lc-body__cite"><cite>{ cite.clone() }</cite></footer>
                }
            </blockquote>
        },
        BlockKind::List { ordered, items } => {
            let items: Html = items
                .iter()
                .map(|item| html! { <li>{ inline::render(item, origin) }</li> })
                .collect();
            if *ordered {
                html! { <ol class="lc-body__list">{ items }</ol> }
            } else {
                html! { <ul class="lc-body__list">{ items }</ul> }
            }
        }
        BlockKind::Image {
            image,
            caption,
            credit,
            width,
            height,
        } => html! {
            <figure class="lc-body__figure">
                if let Some(src) = &image.src {
                    <img class="lc-body__img" src={src.to_string()} alt={image.alt.clone()}
                        width={width.map(|w| w.to_string())} height={height.map(|h| h.to_string())}
                        loading="lazy" decoding="async" />
                } else if !image.alt.is_empty() {
                    <p class="lc-body__img-missing">{ image.alt.clone() }</p>
                }
                if caption.is_some() || credit.is_some() {
                    <figcaption class="lc-body__caption">
                        if let Some(caption) = caption { { inline::render(caption, origin) } }
                        if let Some(credit) = credit {
                            { " " }<span class="lc-body__credit">{ credit.clone() }</span>
                        }
                    </figcaption>
                }
            </figure>
        },
        BlockKind::Rule => html! { <hr class="lc-body__rule" /> },
    }
}
