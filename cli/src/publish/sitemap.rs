//! The sitemap: every page with its alternates, in files of at most
//! 50,000 URLs, with an index of them past that.

use std::fmt::Write as _;

use url::Url;

use super::manifest::Record;
use super::page_url;
use crate::render::escape;

/// One sitemap: the pages of `entries` (`SLUG` and index entry, sorted),
/// each with its alternates.
pub fn urlset(
    base: &Url,
    entries: &[(&str, &Record)],
    siblings_of: &dyn Fn(&str, &Record) -> Vec<String>,
) -> String {
    // About 450 bytes a page with three languages: one allocation, not a
    // doubling one (this is the largest thing a run holds).
    let mut xml = String::with_capacity(256 + entries.len() * 512);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (slug, record) in entries {
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
            escape(&page_url(base, slug, record.lang())),
            escape(record.lastmod())
        );
        for other in siblings_of(slug, record) {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(&other),
                escape(&page_url(base, slug, &other))
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// URLs in one sitemap file, as the sitemaps protocol allows.
pub const URLS: usize = 50_000;
