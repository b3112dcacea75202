//! The widget's validation, natively: any bytes in, a checked article or a
//! clear error out, never a panic (in the widget a panic stops every
//! widget on the page). What it lets through keeps the contract's promises.
#![no_main]

use lectern::model::{parse_article, ContentError, Resolver, WhatwgUrl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let urls = Resolver::new(&WhatwgUrl, Some("https://news.example/articles/a/en.json"));
    match parse_article(data, &urls) {
        Ok(article) => {
            // Every URL that survives is on the allow-list.
            let urls = article
                .translations
                .iter()
                .filter_map(|t| t.href.as_ref())
                .chain(article.url.iter())
                .chain(article.related.iter().filter_map(|r| r.href.as_ref()));
            for url in urls {
                let scheme = url.as_str().split(':').next().unwrap_or_default();
                assert!(matches!(scheme, "http" | "https" | "mailto"), "{url}");
            }
            // Block ids are unique.
            let mut ids: Vec<&str> = article.body.iter().filter_map(|b| b.id.as_ref().map(|i| i.as_str())).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "duplicate block ids were accepted");
        }
        Err(ContentError::Invalid(problems)) => {
            assert!(!problems.is_empty());
            // The message a reader's host hears.
            assert!(!ContentError::Invalid(problems).to_string().is_empty());
        }
        Err(other) => assert!(!other.to_string().is_empty()),
    }
});
