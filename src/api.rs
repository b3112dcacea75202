//! The only module that does HTTP: fetch a document, check the status before
//! reading the body, and hand the bytes to the model's validation.

use gloo_net::http::Request;
use web_sys::AbortSignal;

use crate::error::LoadError;
use crate::model::{self, Article, ParsedUrl, Resolver, UrlParser};

/// The browser's own WHATWG URL parser (`new URL(href, base)`).
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserUrl;

impl UrlParser for BrowserUrl {
    fn parse(&self, href: &str, base: Option<&str>) -> Option<ParsedUrl> {
        let url = match base {
            Some(base) => web_sys::Url::new_with_base(href, base),
            None => web_sys::Url::new(href),
        }
        .ok()?;
        let protocol = url.protocol();
        Some(ParsedUrl {
            scheme: protocol.strip_suffix(':').unwrap_or(&protocol).to_owned(),
            href: url.href(),
        })
    }
}

/// Maps an HTTP status to the error a reader sees, or `None` for success.
#[must_use]
pub fn error_for_status(status: u16) -> Option<LoadError> {
    match status {
        200..=299 => None,
        404 | 410 => Some(LoadError::NotFound(status)),
        _ => Some(LoadError::Server(status)),
    }
}

/// Fetches and checks the article at `url`. The request stops when `signal`
/// is aborted.
///
/// # Errors
/// [`LoadError::Network`] when no answer arrives, a status error for a non-2xx
/// answer, and a content error when the body is not a valid article.
pub async fn fetch_article(url: &str, signal: Option<&AbortSignal>) -> Result<Article, LoadError> {
    let response = Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|_| LoadError::Network)?;
    if let Some(error) = error_for_status(response.status()) {
        return Err(error);
    }
    // Relative URLs in the document resolve against where it really came
    // from, after redirects, as a browser resolves them.
    let base = response.url();
    let bytes = response.binary().await.map_err(|_| LoadError::Network)?;
    let urls = Resolver::new(&BrowserUrl, Some(&base));
    let article = model::parse_article(&bytes, &urls)?;
    if !article.skipped_blocks.is_empty() {
        web_sys::console::warn_1(
            &format!(
                "Lectern: skipped {} block(s) of unknown type: {}",
                article.skipped_blocks.len(),
                article.skipped_blocks.join(", ")
            )
            .into(),
        );
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_reader_errors() {
        let cases = [
            (200, None),
            (204, None),
            (404, Some(LoadError::NotFound(404))),
            (410, Some(LoadError::NotFound(410))),
            (500, Some(LoadError::Server(500))),
            (403, Some(LoadError::Server(403))),
        ];
        for (status, expected) in cases {
            assert_eq!(error_for_status(status), expected, "status {status}");
        }
    }
}
