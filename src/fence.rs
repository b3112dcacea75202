//! The widget's network fence: which documents it may fetch. A document
//! decides what its links point at, and a hostile or compromised one could
//! make every reader's browser send requests anywhere. So the widget fetches
//! documents only from the origin of its `src`, and from the origins the
//! host lists in `data-lectern-allow`; links to documents elsewhere are
//! dropped as the document arrives (a translation is then not offered, a
//! related article opens as a plain link). Pure, so tested natively.

use crate::model::Article;
use crate::views::inline::origin_of;

/// The origins the widget may fetch documents from. `Fence::default()`
/// fences nothing (a Reader mounted by hand, as the browser tests do);
/// every widget `lectern.js` mounts is fenced ([`Fence::new`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fence {
    /// `None`: anywhere.
    origins: Option<Vec<String>>,
    /// Send the page's cookies with documents on the page's own origin
    /// (`data-lectern-credentials="include"`, for paywalled JSON).
    include_credentials_for: Option<String>,
}

impl Fence {
    /// The fence of a widget whose document is at `src` (absolute), widened
    /// by `allow` (origins separated by spaces; anything that is not an
    /// http(s) origin is ignored). With `credentials` (`include`), requests
    /// to the page's origin `page_origin` carry cookies.
    #[must_use]
    pub fn new(
        src: &str,
        allow: Option<&str>,
        credentials: Option<&str>,
        page_origin: Option<&str>,
    ) -> Self {
        let origins = origin_of(src)
            .into_iter()
            .chain(
                allow
                    .unwrap_or_default()
                    .split_ascii_whitespace()
                    .filter_map(origin_of),
            )
            .map(str::to_ascii_lowercase)
            .collect();
        let include = credentials.is_some_and(|c| c.trim().eq_ignore_ascii_case("include"));
        Self {
            origins: Some(origins),
            include_credentials_for: page_origin.filter(|_| include).map(str::to_ascii_lowercase),
        }
    }

    /// Whether the widget may fetch `url` (absolute).
    #[must_use]
    pub fn allows(&self, url: &str) -> bool {
        match &self.origins {
            None => true,
            Some(origins) => origin_of(url).is_some_and(|o| {
                origins
                    .iter()
                    .any(|allowed| allowed.eq_ignore_ascii_case(o))
            }),
        }
    }

    /// Whether a request for `url` carries the page's cookies: only when the
    /// host opted in and `url` is on the page's own origin.
    #[must_use]
    pub fn credentials(&self, url: &str) -> bool {
        matches!((&self.include_credentials_for, origin_of(url)), (Some(page), Some(o)) if page.eq_ignore_ascii_case(o))
    }

    /// Drops the links of `article` to documents outside the fence.
    pub fn apply(&self, article: &mut Article) {
        for t in &mut article.translations {
            if t.href.as_ref().is_some_and(|h| !self.allows(h.as_str())) {
                t.href = None;
            }
        }
        for r in &mut article.related {
            if r.article.as_ref().is_some_and(|h| !self.allows(h.as_str())) {
                r.article = None;
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{check_value, Resolver, WhatwgUrl};

    #[test]
    fn only_the_src_origin_and_the_listed_ones_are_allowed() {
        let fence = Fence::new(
            "https://cdn.example.org/a/en.json",
            Some("https://b.example  not-an-origin http://c.example:8080/path"),
            None,
            None,
        );
        assert!(fence.allows("https://cdn.example.org/a/zh.json"));
        assert!(fence.allows("https://B.example/x.json"));
        assert!(fence.allows("http://c.example:8080/y.json"));
        assert!(!fence.allows("https://evil.example/x.json"));
        assert!(
            !fence.allows("http://cdn.example.org/a/zh.json"),
            "another scheme is another origin"
        );
        assert!(!fence.allows("https://cdn.example.org.evil.example/x.json"));
        assert!(Fence::default().allows("https://anywhere.example/"));
    }

    #[test]
    fn cookies_go_only_where_the_host_asked_and_only_to_its_own_origin() {
        let page = Some("https://news.example");
        let on = Fence::new("https://news.example/a.json", None, Some("include"), page);
        assert!(on.credentials("https://news.example/a.json"));
        assert!(!on.credentials("https://cdn.example/a.json"));
        let off = Fence::new("https://news.example/a.json", None, None, page);
        assert!(!off.credentials("https://news.example/a.json"));
    }

    #[test]
    fn links_outside_the_fence_are_dropped() {
        let json = serde_json::json!({
            "format": "lectern.article/1", "id": "a", "lang": "en", "title": "t",
            "published": "2018-04-04", "authors": [{ "name": "A" }],
            "translations": [
                { "lang": "en", "label": "English", "href": "en.json" },
                { "lang": "zh-Hans", "label": "简体", "href": "https://evil.example/zh.json" }
            ],
            "related": [
                { "title": "r", "href": "https://evil.example/r", "article": "https://evil.example/r.json" },
                { "title": "s", "href": "https://cdn.example.org/s", "article": "s.json" }
            ],
            "body": [{ "type": "paragraph", "text": ["x"] }]
        });
        let base = "https://cdn.example.org/a/en.json";
        let mut article = check_value(&json, &Resolver::new(&WhatwgUrl, Some(base))).unwrap();
        Fence::new(base, None, None, None).apply(&mut article);
        assert!(article.translations[0].href.is_some());
        assert!(article.translations[1].href.is_none());
        assert!(article.related[0].article.is_none());
        assert!(
            article.related[0].href.is_some(),
            "a plain link stays a link"
        );
        assert!(article.related[1].article.is_some());
    }
}
