//! The article body: every block type of the content format. Each block
//! with an id carries it as `data-block-id`, so a language switch can find
//! the same passage in the new version.

use yew::prelude::*;

use super::inline;
use super::HeadingLevel;
use crate::model::{Article, Block, BlockKind};

/// The body blocks; content headings (2–4) nest below the title's `title_level`.
pub fn article_body(article: &Article, title_level: HeadingLevel, origin: Option<&str>) -> Html {
    article
        .body
        .iter()
        .map(|block| render_block(block, title_level, origin))
        .collect()
}

// `html!`'s dynamic tag (`<@{tag}>`) expands to a `_` match on `()`.
#[allow(clippy::ignored_unit_patterns)]
fn render_block(block: &Block, title_level: HeadingLevel, origin: Option<&str>) -> Html {
    let id = block.id.as_ref().map(|id| AttrValue::from(id.to_string()));
    match &block.kind {
        BlockKind::Paragraph { text } => html! {
            <p class="lc-body__p" data-block-id={id}>{ inline::render(text, origin) }</p>
        },
        BlockKind::Heading { level, text } => {
            let tag = title_level.nested(level.saturating_sub(1)).tag();
            html! {
                <@{tag} class="lc-body__heading" data-block-id={id}>{ inline::render(text, origin) }</@>
            }
        }
        BlockKind::Quote { text, cite } => html! {
            <blockquote class="lc-body__quote" data-block-id={id}>
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
                html! { <ol class="lc-body__list" data-block-id={id}>{ items }</ol> }
            } else {
                html! { <ul class="lc-body__list" data-block-id={id}>{ items }</ul> }
            }
        }
        BlockKind::Image {
            image,
            caption,
            credit,
            width,
            height,
        } => html! {
            <figure class="lc-body__figure" data-block-id={id}>
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
        BlockKind::Rule => html! { <hr class="lc-body__rule" data-block-id={id} /> },
    }
}
