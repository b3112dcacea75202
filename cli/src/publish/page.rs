//! A published page: the widget's pre-render of one version inside a whole
//! HTML page (`lang`, `dir`, alternates for every version and
//! `x-default`, its canonical, a description, Open Graph, Twitter and
//! `NewsArticle` JSON-LD, a strict CSP with the widget's stylesheet inline
//! by its hash), from the version and what the index knows of its article.

use std::fmt::Write as _;

use lectern::model::{Article, Block, BlockKind};
use serde_json::{json, Value};
use url::Url;

use super::{doc_url, page_url, Widget};
use crate::render::escape;

/// One version, read and checked, as its page needs it.
pub(super) struct Version<'a> {
    pub slug: &'a str,
    pub lang: &'a str,
    pub json: &'a Value,
    pub article: &'a Article,
}

/// `<html dir>` for a version: from its script (`lectern::model::langtag::direction`).
pub(super) fn dir_of(lang: &str) -> &'static str {
    lectern::model::langtag::direction(lang).as_str()
}

/// Open Graph's locale form (`zh_CN`): language and region.
fn og_locale(lang: &str) -> String {
    match lang {
        "zh-Hans" => "zh_CN".into(),
        "zh-Hant" => "zh_TW".into(),
        other => other.replace('-', "_"),
    }
}

/// The text of the first paragraph, for a description when there is no dek.
fn first_text(article: &Article) -> Option<String> {
    article.body.iter().find_map(|b: &Block| match &b.kind {
        BlockKind::Paragraph { text } => {
            Some(text.iter().map(|s| s.text.as_str()).collect::<String>())
        }
        _ => None,
    })
}

/// At most `max` characters, cut at a space where there is one.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut.get(..i).unwrap_or(&cut).to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// The article's image for previews: its first image block, else the
/// teaser file in its folder (`teaser`, its name).
fn preview_image(v: &Version<'_>, base: &Url, teaser: Option<&str>) -> Option<String> {
    v.article
        .body
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Image { image, .. } => image.src.as_ref().map(ToString::to_string),
            _ => None,
        })
        .or_else(|| teaser.map(|n| format!("{base}{}/{n}", v.slug)))
}

/// `html` with `id="lectern-ARTICLE-BLOCK"` on every element that has a
/// `data-block-id`.
fn with_fragment_ids(html: &str, article: &str) -> String {
    const ATTRIBUTE: &str = " data-block-id=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let value_start = at + ATTRIBUTE.len();
        let Some(len) = rest.get(value_start..).and_then(|v| v.find('"')) else {
            break;
        };
        let block = rest.get(value_start..value_start + len).unwrap_or_default();
        out.push_str(rest.get(..at).unwrap_or_default());
        let _ = write!(out, " id=\"lectern-{}-{block}\"", escape(article));
        out.push_str(ATTRIBUTE);
        rest = rest.get(value_start..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The published page of version `v`; `siblings` are the languages of the
/// article's versions that exist (this one included), `teaser` the name of
/// its folder's teaser image, if any.
#[allow(clippy::too_many_lines)]
pub(super) fn page(
    v: &Version<'_>,
    siblings: &[&str],
    base: &Url,
    teaser: Option<&str>,
    widget: &Widget,
) -> Result<String, String> {
    let article = &v.article;
    let url = page_url(base, v.slug, v.lang);
    let src = doc_url(base, v.slug, v.lang);
    let prefix = lectern::render::default_id_prefix(article, 1);
    // Each version's page, for the language selector.
    let pages = format!("{base}{}/{{lang}}/", v.slug);
    let view = lectern::render::article_html((*article).clone(), 1, &prefix, Some(&pages))
        .map_err(|e| e.to_string())?;
    // One article per page, in the page's own DOM: each block takes its
    // paragraph-link fragment as its id, so `#lectern-ARTICLE-BLOCK` scrolls
    // to it in the browser itself, script or none (and lectern.js carries the
    // passage in view to another version's page that way).
    let view = with_fragment_ids(&view, article.id.as_str());
    let description = article
        .dek
        .clone()
        .or_else(|| first_text(article).map(|t| shorten(&t, 160)))
        .unwrap_or_default();
    // x-default: the version in the article's original language (the one
    // the others were translated or converted from: not converted, and
    // first in the translations list).
    let original = article
        .translations
        .iter()
        .find(|t| t.converted_from.is_none())
        .map_or_else(|| v.lang.to_owned(), |t| t.lang.to_string());
    let mut head = String::new();
    let _ = write!(
        head,
        "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<meta name=\"description\" content=\"{}\">\n<link rel=\"canonical\" href=\"{}\">\n",
        escape(&article.title),
        escape(&description),
        escape(&url)
    );
    for other in siblings {
        let _ = writeln!(
            head,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            escape(other),
            escape(&page_url(base, v.slug, other))
        );
    }
    if siblings.iter().any(|o| *o == original) {
        let _ = writeln!(
            head,
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
            escape(&page_url(base, v.slug, &original))
        );
    }
    let image = preview_image(v, base, teaser);
    let mut og = vec![
        ("og:type", "article".to_owned()),
        ("og:title", article.title.clone()),
        ("og:description", description.clone()),
        ("og:url", url.clone()),
        ("og:locale", og_locale(v.lang)),
        (
            "article:published_time",
            article.published.as_str().to_owned(),
        ),
    ];
    for other in siblings.iter().filter(|o| **o != v.lang) {
        og.push(("og:locale:alternate", og_locale(other)));
    }
    if let Some(image) = &image {
        og.push(("og:image", image.clone()));
    }
    for (property, content) in og {
        let _ = writeln!(
            head,
            "<meta property=\"{property}\" content=\"{}\">",
            escape(&content)
        );
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let _ = writeln!(head, "<meta name=\"twitter:card\" content=\"{card}\">");
    let _ = writeln!(
        head,
        "<meta name=\"twitter:title\" content=\"{}\">",
        escape(&article.title)
    );
    let _ = writeln!(
        head,
        "<meta name=\"twitter:description\" content=\"{}\">",
        escape(&description)
    );
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
        "inLanguage": v.lang,
        "datePublished": article.published.as_str(),
        "dateModified": article.updated.as_ref().unwrap_or(&article.published).as_str(),
        "mainEntityOfPage": url,
        "url": url,
        "author": article.authors.iter().map(|a| {
            let mut person = json!({ "@type": "Person", "name": a.name });
            if let Some(href) = &a.href {
                person["url"] = json!(href.to_string());
            }
            person
        }).collect::<Vec<_>>(),
    });
    if let Some(image) = &image {
        ld["image"] = json!([image]);
    }
    if let Some(category) = &article.category {
        ld["articleSection"] = json!(category.name);
    }
    let _ = writeln!(
        head,
        "<script type=\"application/ld+json\">{}</script>",
        lectern::render::inline_json(&ld)
    );
    // Strict CSP: no inline script; the one inline style is allowed by its
    // hash. First paint needs the HTML alone (the widget's stylesheet is in
    // it), as on the standalone page.
    let style_hash = {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(widget.style.as_bytes()))
    };
    let _ = writeln!(
        head,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'sha256-{style_hash}'; img-src 'self' https: data:; connect-src 'self'\">"
    );
    let lectern = format!("{base}lectern/");
    let _ = write!(
        head,
        "<link rel=\"icon\" href=\"data:,\">\n<style>{}</style>\n\
         <link rel=\"modulepreload\" href=\"{lectern}{}\">\n\
         <link rel=\"preload\" href=\"{lectern}{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n\
         <script type=\"module\" src=\"{lectern}{}\"></script>",
        widget.style, widget.glue, widget.wasm, widget.entry
    );
    Ok(format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n{head}\n</head>\n<body>\n<main>\n\
         <div data-lectern-standalone data-lectern-src=\"{src}\" data-lectern-lang=\"{lang}\" \
         data-lectern-pages=\"{pages}\" data-lectern-heading-level=\"1\">{view}\
         <script type=\"application/json\" data-lectern-article>{json}</script>{strings}</div>\n</main>\n</body>\n</html>\n",
        lang = escape(v.lang),
        dir = dir_of(v.lang),
        src = escape(&src),
        pages = escape(&pages),
        json = lectern::render::inline_json(v.json),
        strings = lectern::render::catalog_script(article),
    ))
}
