//! `render`: an article to static HTML with the widget's own views
//! (Yew server-side rendering), as a snippet or a whole page.

use std::fs;
use std::path::PathBuf;

use lectern::model::{self, Resolver, WhatwgUrl};

/// Escapes text for an HTML attribute or text node (and XML).
#[must_use]
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Runs `render FILE [--heading-level N] [--base URL] [--id-prefix P]
/// [--ordinal N] [--embed SRC [--element]] [--page] [--css URL] [--inline-css FILE]…`;
/// returns the HTML. Element ids start with `--id-prefix`, by default
/// `lectern-ssr-ARTICLE-LANG-N` (`--ordinal N`, 1 by default: the Nth copy of
/// the article on one page).
/// `--page` is a whole static page for reading without the widget (the
/// benchmark's baseline), its CSS linked (`--css`) or inline (`--inline-css`).
///
/// The snippet is the widget's first view of the article followed by the
/// article's JSON (`<script type="application/json" data-lectern-article>`),
/// so the widget hydrates it without downloading it again. With `--embed
/// SRC` it is a whole embed: the element with `data-lectern-src="SRC"`
/// (with `--element`, `<lectern-article src="SRC">`) and the snippet inside
/// a declarative shadow root, with the stylesheet
/// `--css` (where the page's own CSS cannot reach it, and its ids cannot
/// collide with the page's).
///
/// # Errors
/// A message for the reader of the terminal.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut input = None;
    let mut level = 2_u8;
    let mut page = false;
    let mut css = None;
    let mut base_url = None;
    let mut id_prefix = None;
    let mut embed = None;
    let mut inline_css = Vec::new();
    let mut ordinal = 1_u32;
    let mut element = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--heading-level" => {
                level = iter
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|l| (1..=6).contains(l))
                    .ok_or("--heading-level takes 1 to 6")?;
            }
            "--page" => page = true,
            "--element" => element = true,
            "--inline-css" => inline_css.push(PathBuf::from(
                iter.next().ok_or("--inline-css takes a stylesheet file")?,
            )),
            "--id-prefix" => {
                id_prefix = Some(id_prefix_arg(iter.next())?);
            }
            "--ordinal" => {
                ordinal = iter
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n >= 1)
                    .ok_or("--ordinal takes a number from 1")?;
            }
            "--embed" => embed = Some(iter.next().ok_or("--embed takes the document URL")?.clone()),
            "--css" => css = iter.next().cloned(),
            "--base" => {
                let url = iter
                    .next()
                    .ok_or("--base takes the URL the document is served at")?;
                base_url = Some(url.clone());
            }
            other if input.is_none() => input = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let input = input.ok_or("missing the FILE to render")?;
    let bytes = fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    // Relative URLs resolve against where the document will be served
    // (`--base`); without it, against the file, which keeps only absolute
    // http(s) links and images.
    let base = match base_url {
        Some(url) => Some(url::Url::parse(&url).map_err(|e| format!("--base {url}: {e}"))?),
        None => fs::canonicalize(&input)
            .ok()
            .and_then(|p| url::Url::from_file_path(p).ok()),
    };
    let urls = Resolver::new(&WhatwgUrl, base.as_ref().map(url::Url::as_str));
    let article =
        model::parse_article(&bytes, &urls).map_err(|e| format!("{}: {e}", input.display()))?;
    let (lang, title) = (article.lang.to_string(), article.title.clone());
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", input.display()))?;
    let id_prefix =
        id_prefix.unwrap_or_else(|| lectern::render::default_id_prefix(&article, ordinal));
    let strings = lectern::render::catalog_script(&article);
    let view = lectern::render::article_html(article, level, &id_prefix, None)
        .map_err(|e| e.to_string())?;
    let mut snippet = format!(
        "{view}<script type=\"application/json\" data-lectern-article>{}</script>{strings}",
        lectern::render::inline_json(&json)
    );
    if let Some(src) = embed {
        let link = css
            .as_ref()
            .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">", escape(href)))
            .unwrap_or_default();
        let shadow =
            format!("<template shadowrootmode=\"open\">{link}<div>{snippet}</div></template>");
        snippet = if element {
            format!(
                "<lectern-article src=\"{}\" heading-level=\"{level}\">{shadow}</lectern-article>",
                escape(&src)
            )
        } else {
            format!(
                "<div data-lectern-src=\"{}\" data-lectern-heading-level=\"{level}\">{shadow}</div>",
                escape(&src)
            )
        };
    }
    if !page {
        return Ok(snippet);
    }
    static_page(&lang, &title, &view, css.as_deref(), &inline_css)
}

/// A valid `--id-prefix`: a letter, then letters, digits, `-` or `_`.
fn id_prefix_arg(value: Option<&String>) -> Result<String, String> {
    let prefix = value.ok_or("--id-prefix takes a prefix")?;
    let ok = prefix.starts_with(|c: char| c.is_ascii_alphabetic())
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(prefix.clone())
    } else {
        Err(format!(
            "--id-prefix {prefix:?}: use a letter, then letters, digits, - or _"
        ))
    }
}

/// A static page for reading without the widget (no JSON to hand over),
/// its CSS linked (`css`) or inline (`inline_css`).
fn static_page(
    lang: &str,
    title: &str,
    view: &str,
    css: Option<&str>,
    inline_css: &[PathBuf],
) -> Result<String, String> {
    let mut stylesheet = css
        .map(|href| {
            format!(
                "\n    <link rel=\"stylesheet\" href=\"{}\" />",
                escape(href)
            )
        })
        .unwrap_or_default();
    for file in inline_css {
        let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        if text.contains("</style") {
            return Err(format!(
                "{}: cannot be inlined (it contains </style)",
                file.display()
            ));
        }
        stylesheet.push_str("\n    <style>");
        stylesheet.push_str(&text);
        stylesheet.push_str("</style>");
    }
    Ok(format!(
        "<!doctype html>\n<html lang=\"{}\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n    <title>{}</title>\n    <link rel=\"icon\" href=\"data:,\" />{stylesheet}\n  </head>\n  <body>\n    <main>{view}</main>\n  </body>\n</html>\n",
        escape(lang),
        escape(title)
    ))
}
