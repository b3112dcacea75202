//! `render`: an article to static HTML with the widget's own components
//! (Yew server-side rendering), as a snippet or a whole page.

use std::fs;
use std::path::PathBuf;

use lectern::model::{self, Resolver, WhatwgUrl};

/// Escapes text for an HTML attribute or text node.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Runs `render FILE [--heading-level N] [--base URL] [--page --css URL]`;
/// returns the HTML.
///
/// # Errors
/// A message for the reader of the terminal.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut input = None;
    let mut level = 2_u8;
    let mut page = false;
    let mut css = None;
    let mut base_url = None;
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
    let snippet = lectern::render::article_html(article, level).map_err(|e| e.to_string())?;
    if !page {
        return Ok(snippet);
    }
    let stylesheet = css
        .map(|href| {
            format!(
                "\n    <link rel=\"stylesheet\" href=\"{}\" />",
                escape(&href)
            )
        })
        .unwrap_or_default();
    Ok(format!(
        "<!doctype html>\n<html lang=\"{}\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n    <title>{}</title>\n    <link rel=\"icon\" href=\"data:,\" />{stylesheet}\n  </head>\n  <body>\n    <main>{snippet}</main>\n  </body>\n</html>\n",
        escape(&lang),
        escape(&title)
    ))
}
