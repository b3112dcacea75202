//! The only module that does HTTP: fetch a document, check the status before
//! reading the body, and hand the bytes to the model's validation.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

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

/// How long a request may take, headers and body, before it is abandoned.
pub const TIMEOUT_MS: u32 = 10_000;

/// Fetches and checks the article at `url`. The request stops when
/// `controller` is aborted, by the caller (a stale request) or after
/// [`TIMEOUT_MS`].
///
/// # Errors
/// [`LoadError::Timeout`] after [`TIMEOUT_MS`], [`LoadError::Network`] when
/// no answer arrives, a status error for a non-2xx answer, and a content
/// error when the body is not a valid article.
pub async fn fetch_article(url: &str, controller: &AbortController) -> Result<Article, LoadError> {
    let timed_out = Rc::new(Cell::new(false));
    let _timeout = {
        let (timed_out, controller) = (Rc::clone(&timed_out), controller.clone());
        Timeout::new(TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let failed = |_| {
        if timed_out.get() {
            LoadError::Timeout
        } else {
            LoadError::Network
        }
    };
    let response = Request::get(url)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
        .map_err(failed)?;
    if let Some(error) = error_for_status(response.status()) {
        return Err(error);
    }
    // Relative URLs in the document resolve against where it really came
    // from, after redirects, as a browser resolves them.
    // Refuse a body we know is too large before reading it.
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|b| *b > model::MAX_DOCUMENT_BYTES) {
        return Err(model::ContentError::TooLarge { bytes }.into());
    }
    let base = response.url();
    let bytes = response.binary().await.map_err(failed)?;
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
