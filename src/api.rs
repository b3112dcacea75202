//! The only module that does HTTP: fetch a document with the browser's
//! `fetch`, check the status before reading the body, parse it with the
//! browser's `JSON.parse` and hand the value to the model's validation.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Response};

use crate::error::LoadError;
use crate::i18n::Catalog;
use crate::model::{self, Article, Json, JsonValue, ParsedUrl, Resolver, UrlParser};

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

/// A value made by the browser's `JSON.parse`, read by the validation.
///
/// `JSON.parse` makes only null, booleans, numbers, strings, arrays and plain
/// objects. Fields are read with `Reflect.get` alone: it fails on a
/// primitive (`None`), and on an array or an object finds only own fields and
/// those of `Array.prototype` / `Object.prototype`, of which no field the
/// format names is one (`length`, `constructor`, `toString`, …).
#[derive(Debug, Clone)]
pub struct BrowserJson(pub JsValue);

impl JsonValue for BrowserJson {
    fn read(&self) -> Json<Self> {
        let value = &self.0;
        if let Some(text) = value.as_string() {
            Json::String(text)
        } else if let Some(b) = value.as_bool() {
            Json::Bool(b)
        } else if let Some(n) = value.as_f64() {
            Json::Number(model::json::whole_f64(n))
        } else if Array::is_array(value) {
            Json::Array(
                value
                    .unchecked_ref::<Array>()
                    .iter()
                    .map(BrowserJson)
                    .collect(),
            )
        } else if value.is_object() {
            Json::Object
        } else {
            Json::Null
        }
    }

    fn field(&self, key: &str) -> Option<Self> {
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined()).then_some(Self(value))
    }

    fn number_text(&self) -> String {
        js_sys::JSON::stringify(&self.0)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// Maps an HTTP status to the error a reader sees, or `None` for success.
#[must_use]
pub fn error_for_status(status: u16) -> Option<LoadError> {
    match status {
        200..=299 => None,
        404 | 410 => Some(LoadError::NotFound(status)),
        408 | 429 => Some(LoadError::Server(status)),
        400..=499 => Some(LoadError::Refused(status)),
        _ => Some(LoadError::Server(status)),
    }
}

/// How long a request may take, headers and body, before it is abandoned.
pub const TIMEOUT_MS: u32 = 10_000;

/// Fetches and checks the article at `url`; returns it with its JSON text. The request stops when
/// `controller` is aborted, by the caller (a stale request) or after
/// [`TIMEOUT_MS`].
///
/// # Errors
/// [`LoadError::Timeout`] after [`TIMEOUT_MS`], [`LoadError::Network`] when
/// no answer arrives, a status error for a non-2xx answer, and a content
/// error when the body is not a valid article.
pub async fn fetch_article(
    url: &str,
    controller: &AbortController,
    credentials: bool,
) -> Result<(Article, String), LoadError> {
    let (text, base) = fetch_text(url, controller, credentials).await?;
    Ok((article_from(&text, &base)?, text))
}

/// Fetches and checks the UI catalog at `url`, as [`fetch_article`] fetches
/// a document.
///
/// # Errors
/// As [`fetch_article`]'s; a catalog that is not one is `NotAnArticle`.
pub async fn fetch_catalog(
    url: &str,
    controller: &AbortController,
    credentials: bool,
) -> Result<Catalog, LoadError> {
    let (text, _) = fetch_text(url, controller, credentials).await?;
    catalog_from(&text)
}

/// Checks the UI catalog in `text` (JSON).
///
/// # Errors
/// When `text` is not JSON, or not a catalog (a content error).
pub fn catalog_from(text: &str) -> Result<Catalog, LoadError> {
    let value = js_sys::JSON::parse(text).map_err(not_json)?;
    let catalog = Catalog::read(&BrowserJson(value)).map_err(|problem| {
        LoadError::from(model::ContentError::Invalid(vec![model::Problem {
            path: "(catalog)".to_owned(),
            message: problem,
        }]))
    })?;
    warn(
        &format!(
            "Lectern: the UI catalog for {} has problems (English shows instead):",
            catalog.tag
        ),
        &catalog.problems,
    );
    Ok(catalog)
}

/// Says `message` and each of `items` on the console, when there are any.
fn warn(message: &str, items: &[String]) {
    if !items.is_empty() {
        let items: Array = items.iter().map(|t| JsValue::from_str(t)).collect();
        web_sys::console::warn_2(&message.into(), &items);
    }
}

/// The text at `url` and the URL it came from (after redirects).
async fn fetch_text(
    url: &str,
    controller: &AbortController,
    credentials: bool,
) -> Result<(String, String), LoadError> {
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
    let window = web_sys::window().ok_or(LoadError::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    // No cookies unless the host asked for them on its own origin; the
    // origin only as referrer; JSON asked for.
    init.set_credentials(if credentials {
        web_sys::RequestCredentials::Include
    } else {
        web_sys::RequestCredentials::Omit
    });
    init.set_referrer_policy(web_sys::ReferrerPolicy::StrictOrigin);
    let headers = js_sys::Object::new();
    let _ = Reflect::set(&headers, &"Accept".into(), &"application/json".into());
    init.set_headers(&headers);
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?
        .unchecked_into();
    if let Some(error) = error_for_status(response.status()) {
        return Err(error);
    }
    // Refuse a body we know is too large before reading it.
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if let Some(bytes) = declared {
        model::check_size(bytes)?;
    }
    // Relative URLs in the document resolve against where it really came
    // from, after redirects, as a browser resolves them.
    let base = response.url();
    let bytes = read_body(&response, controller)
        .await
        .map_err(|e| match e {
            Body::TooLarge(error) => LoadError::from(error),
            Body::Failed(error) => failed(error),
        })?;
    Ok((decode(&bytes)?, base))
}

enum Body {
    TooLarge(model::ContentError),
    Failed(JsValue),
}

/// Reads the body as it streams in, counting: past the size limit the
/// request is aborted, so a huge or endless body is never held whole
/// (whatever `Content-Length` said, or without one).
async fn read_body(response: &Response, controller: &AbortController) -> Result<Vec<u8>, Body> {
    let mut bytes = Vec::new();
    let Some(stream) = response.body() else {
        return Ok(bytes);
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(Body::Failed)?;
        if Reflect::get(&chunk, &"done".into())
            .map_err(Body::Failed)?
            .is_truthy()
        {
            return Ok(bytes);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(Body::Failed)?
            .unchecked_into();
        let start = bytes.len();
        let end = start.saturating_add(usize::try_from(value.length()).unwrap_or(usize::MAX));
        if let Err(error) = model::check_size(end) {
            controller.abort();
            return Err(Body::TooLarge(error));
        }
        bytes.resize(end, 0);
        if let Some(room) = bytes.get_mut(start..) {
            value.copy_to(room);
        }
    }
}

/// Checks the article in `text` (JSON), whose relative URLs resolve against
/// `base`: a fetched document, or one inlined in a pre-rendered page.
///
/// # Errors
/// A content error when `text` is not a valid article.
pub fn article_from(text: &str, base: &str) -> Result<Article, LoadError> {
    let value = js_sys::JSON::parse(text).map_err(not_json)?;
    let urls = Resolver::new(&BrowserUrl, Some(base));
    let mut article = model::check_value(BrowserJson(value), &urls)
        .map_err(|problems| LoadError::from(model::ContentError::Invalid(problems)))?;
    crate::views::date::format_dates(&mut article);
    warn(
        "Lectern: skipped blocks of unknown type:",
        &article.skipped_blocks,
    );
    Ok(article)
}

#[allow(clippy::needless_pass_by_value)]
fn not_json(error: JsValue) -> model::ContentError {
    model::ContentError::NotJson(
        error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "unreadable".to_owned(), |e| String::from(e.message())),
    )
}

/// Decodes UTF-8 strictly, as JSON requires.
fn decode(bytes: &[u8]) -> Result<String, model::ContentError> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder =
        web_sys::TextDecoder::new_with_label_and_options("utf-8", &options).map_err(not_json)?;
    decoder.decode_with_u8_array(bytes).map_err(not_json)
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
            (403, Some(LoadError::Refused(403))),
            (401, Some(LoadError::Refused(401))),
            (429, Some(LoadError::Server(429))),
            (502, Some(LoadError::Server(502))),
        ];
        for (status, expected) in cases {
            assert_eq!(error_for_status(status), expected, "status {status}");
        }
    }
}
