//! `publish`: a content folder to a folder any static host or CDN serves.
//!
//! ```text
//! OUT/SLUG/LANG.json            every version's document
//! OUT/SLUG/LANG/index.html      one pre-rendered page per version
//! OUT/SLUG/*                    the article's other files (teaser images)
//! OUT/lectern/…                 the widget's files, once, content-hashed
//! OUT/sitemap.xml               every page, with its alternates
//! ```
//!
//! The site is written beside `OUT_DIR` and swapped in whole ([`swap`]):
//! a failed run leaves the previous site as it was.
//!
//! Each page is readable without scripts (the widget's own markup, rendered
//! here) and goes live like the standalone page (the widget hydrates it from
//! the JSON inside). It names its language and direction, links every
//! version (`hreflang`, `x-default` for the article's original language),
//! is its own canonical, and carries a description, Open Graph and Twitter
//! tags and schema.org `NewsArticle` JSON-LD; the widget's stylesheet is
//! inline (allowed by its hash), so first paint needs one request. Every
//! URL is absolute, from
//! `--base-url` (which may have a path). Related teasers that point to
//! articles of the corpus link to their published pages.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use lectern::model::{self, Article, Block, BlockKind, Resolver, WhatwgUrl};
use serde_json::{json, Value};
use url::Url;

use crate::files::write_file;
use crate::render::escape;

pub mod swap;

/// One version of one article, read from the content folder.
struct Version {
    slug: String,
    lang: String,
    json: Value,
    article: Article,
}

/// The widget's files in the published folder, by role, and its stylesheet,
/// which every page carries inline (first paint in one request).
struct Widget {
    entry: String,
    glue: String,
    wasm: String,
    style: String,
}

/// Runs `publish CONTENT_DIR OUT_DIR --base-url URL [--widget DIR]`;
/// returns a summary.
///
/// # Errors
/// A message for the terminal.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut positional = Vec::new();
    let mut base = None;
    let mut widget_dir = PathBuf::from("dist");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--base-url" => base = Some(iter.next().ok_or("--base-url takes a URL")?.clone()),
            "--widget" => widget_dir = PathBuf::from(iter.next().ok_or("--widget takes a folder")?),
            other => positional.push(PathBuf::from(other)),
        }
    }
    let [content, out] = positional.as_slice() else {
        return Err("publish takes CONTENT_DIR OUT_DIR --base-url URL [--widget DIR]".into());
    };
    let base = base.ok_or("--base-url is required (where OUT_DIR will be served)")?;
    let mut base = Url::parse(&base).map_err(|e| format!("--base-url {base}: {e}"))?;
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    if !matches!(base.scheme(), "http" | "https") {
        return Err(format!("--base-url {base}: use an http or https URL"));
    }
    // Written beside OUT_DIR, swapped in only when all of it is written.
    let staging = swap::Staging::new(out, content)?;
    let (pages, articles) = publish(content, staging.path(), &base, &widget_dir)?;
    staging.commit()?;
    Ok(format!(
        "published {pages} page(s) of {articles} article(s) to {} for {base}",
        out.display()
    ))
}

fn io(path: &Path, e: &std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// The first 16 hex digits of the SHA-256 of `bytes`, for file names.
fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Copies the widget's files from a release build into `out/lectern/`.
fn copy_widget(dir: &Path, out: &Path) -> Result<Widget, String> {
    let names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| {
            format!(
                "{}: {e} (build the widget first: scripts/build-release)",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let one = |what: &str, test: &dyn Fn(&str) -> bool| -> Result<String, String> {
        let found: Vec<&String> = names.iter().filter(|n| test(n)).collect();
        match found.as_slice() {
            [name] => Ok((*name).clone()),
            _ => Err(format!(
                "{}: expected one {what}, found {found:?}",
                dir.display()
            )),
        }
    };
    let hashed = |n: &str, suffix: &str| {
        n.strip_prefix("lectern-")
            .and_then(|r| r.strip_suffix(suffix))
            .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let glue = one("wasm-bindgen glue (lectern-HASH.js)", &|n| hashed(n, ".js"))?;
    let wasm = one("wasm module (lectern-HASH_bg.wasm)", &|n| {
        hashed(n, "_bg.wasm")
    })?;
    let css = one("stylesheet (lectern-HASH.css)", &|n| hashed(n, ".css"))?;
    let target = out.join("lectern");
    for name in [&glue, &wasm, &css, &"lectern.css".to_owned()] {
        let bytes = fs::read(dir.join(name)).map_err(|e| io(&dir.join(name), &e))?;
        write_file(&target.join(name), &bytes)?;
    }
    // The entry's own name is stable in a build (embeds link it); here it is
    // content-hashed like the rest, so every file can be cached for ever.
    let entry_bytes =
        fs::read(dir.join("lectern.js")).map_err(|e| io(&dir.join("lectern.js"), &e))?;
    let entry = format!("lectern-entry-{}.js", content_hash(&entry_bytes));
    write_file(&target.join(&entry), &entry_bytes)?;
    let style = fs::read_to_string(dir.join(&css)).map_err(|e| io(&dir.join(&css), &e))?;
    if style.contains("</style") {
        return Err(format!("{css}: cannot be inlined (it contains </style)"));
    }
    Ok(Widget {
        entry,
        glue,
        wasm,
        style,
    })
}

/// The entries of a folder, sorted.
fn entries(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .map_err(|e| io(folder, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}

/// A document as read from the content folder, before it is checked.
struct Source {
    slug: String,
    lang: String,
    json: Value,
    file: PathBuf,
}

/// Every `SLUG/LANG.json` document in `content` (checked later, once its
/// related links point to the published pages), with the other files of
/// each article folder (copied as they are).
fn read_content(content: &Path, out: &Path) -> Result<Vec<Source>, String> {
    let mut versions = Vec::new();
    let folders = entries(content)?.into_iter().filter(|p| p.is_dir());
    for folder in folders {
        let slug = file_name(&folder);
        for file in entries(&folder)? {
            let name = file_name(&file);
            if file.extension().is_some_and(|e| e == "json") {
                let bytes = fs::read(&file).map_err(|e| io(&file, &e))?;
                let json: Value = serde_json::from_slice(&bytes)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                // The check names a missing or wrong `lang`; until then the
                // file's name stands in.
                let lang = json
                    .get("lang")
                    .and_then(Value::as_str)
                    .map_or_else(|| name.trim_end_matches(".json").to_owned(), str::to_owned);
                versions.push(Source {
                    slug: slug.clone(),
                    lang,
                    json,
                    file,
                });
            } else if file.is_file() {
                let bytes = fs::read(&file).map_err(|e| io(&file, &e))?;
                write_file(&out.join(&slug).join(&name), &bytes)?;
            }
        }
    }
    if versions.is_empty() {
        return Err(format!(
            "{}: no SLUG/LANG.json documents",
            content.display()
        ));
    }
    Ok(versions)
}

/// The page of a version.
fn page_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}/")
}

/// The published document of a version.
fn doc_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}.json")
}

/// Right-to-left scripts' languages, by primary subtag.
fn dir_of(lang: &str) -> &'static str {
    let primary = lang
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ug", "ckb"].contains(&primary.as_str())
        || lang.contains("-Arab")
        || lang.contains("-Hebr")
    {
        "rtl"
    } else {
        "ltr"
    }
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

/// The article's image for previews: its first image block, else a teaser
/// file in its folder.
fn preview_image(v: &Version, base: &Url, out: &Path) -> Option<String> {
    v.article
        .body
        .iter()
        .find_map(|b| match &b.kind {
            BlockKind::Image { image, .. } => image.src.as_ref().map(ToString::to_string),
            _ => None,
        })
        .or_else(|| {
            ["teaser.png", "teaser.jpg", "teaser.webp", "teaser.svg"]
                .iter()
                .find(|n| out.join(&v.slug).join(n).is_file())
                .map(|n| format!("{base}{}/{n}", v.slug))
        })
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

#[allow(clippy::too_many_lines)]
fn page(
    v: &Version,
    versions: &[&Version],
    base: &Url,
    out: &Path,
    widget: &Widget,
) -> Result<String, String> {
    let article = &v.article;
    let url = page_url(base, &v.slug, &v.lang);
    let src = doc_url(base, &v.slug, &v.lang);
    let prefix = lectern::render::default_id_prefix(article, 1);
    // Each version's page, for the language selector.
    let pages = format!("{base}{}/{{lang}}/", v.slug);
    let view = lectern::render::article_html(article.clone(), 1, &prefix, Some(&pages))
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
        .map_or_else(|| v.lang.clone(), |t| t.lang.to_string());
    let mut head = String::new();
    let _ = write!(
        head,
        "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<meta name=\"description\" content=\"{}\">\n<link rel=\"canonical\" href=\"{}\">\n",
        escape(&article.title),
        escape(&description),
        escape(&url)
    );
    for other in versions {
        let _ = writeln!(
            head,
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
            escape(&other.lang),
            escape(&page_url(base, &other.slug, &other.lang))
        );
    }
    if versions.iter().any(|o| o.lang == original) {
        let _ = writeln!(
            head,
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">",
            escape(&page_url(base, &v.slug, &original))
        );
    }
    let image = preview_image(v, base, out);
    let mut og = vec![
        ("og:type", "article".to_owned()),
        ("og:title", article.title.clone()),
        ("og:description", description.clone()),
        ("og:url", url.clone()),
        ("og:locale", og_locale(&v.lang)),
        (
            "article:published_time",
            article.published.as_str().to_owned(),
        ),
    ];
    for other in versions.iter().filter(|o| o.lang != v.lang) {
        og.push(("og:locale:alternate", og_locale(&other.lang)));
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
         <script type=\"application/json\" data-lectern-article>{json}</script></div>\n</main>\n</body>\n</html>\n",
        lang = escape(&v.lang),
        dir = dir_of(&v.lang),
        src = escape(&src),
        pages = escape(&pages),
        json = lectern::render::inline_json(&v.json),
    ))
}

/// Related teasers that point to a document of the corpus link to its page.
fn link_related(v: &mut Source, url: &str, pages: &BTreeMap<String, String>) {
    let Some(related) = v.json.get_mut("related").and_then(Value::as_array_mut) else {
        return;
    };
    for teaser in related {
        let target = teaser
            .get("article")
            .and_then(Value::as_str)
            .and_then(|a| Url::parse(url).ok()?.join(a).ok())
            .and_then(|u| pages.get(u.as_str()).cloned());
        if let Some(page) = target {
            teaser["href"] = json!(page);
        }
    }
}

/// Writes the site into `out`: how many pages, of how many articles.
fn publish(
    content: &Path,
    out: &Path,
    base: &Url,
    widget_dir: &Path,
) -> Result<(usize, usize), String> {
    let widget = copy_widget(widget_dir, out)?;
    let sources = read_content(content, out)?;
    // Document URL → page URL, for related teasers.
    let pages: BTreeMap<String, String> = sources
        .iter()
        .map(|v| {
            (
                doc_url(base, &v.slug, &v.lang),
                page_url(base, &v.slug, &v.lang),
            )
        })
        .collect();
    let mut versions = Vec::with_capacity(sources.len());
    for mut v in sources {
        let url = doc_url(base, &v.slug, &v.lang);
        link_related(&mut v, &url, &pages);
        // Checked as published, so the page shows what its JSON says.
        let bytes = serde_json::to_vec_pretty(&v.json).map_err(|e| e.to_string())?;
        let urls = Resolver::new(&WhatwgUrl, Some(&url));
        let article = model::parse_article(&bytes, &urls)
            .map_err(|e| format!("{}: {e}", v.file.display()))?;
        write_file(&out.join(&v.slug).join(format!("{}.json", v.lang)), &bytes)?;
        versions.push(Version {
            slug: v.slug,
            lang: v.lang,
            json: v.json,
            article,
        });
    }
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut count = 0;
    for v in &versions {
        // The versions of this article that exist, as its translations list them.
        let siblings: Vec<&Version> = versions
            .iter()
            .filter(|o| {
                o.slug == v.slug
                    && v.article
                        .translations
                        .iter()
                        .any(|t| t.lang.as_str() == o.lang)
            })
            .collect();
        let siblings = if siblings.is_empty() {
            vec![v]
        } else {
            siblings
        };
        let html = page(v, &siblings, base, out, &widget)?;
        write_file(
            &out.join(&v.slug).join(&v.lang).join("index.html"),
            html.as_bytes(),
        )?;
        count += 1;
        let lastmod = v
            .article
            .updated
            .as_ref()
            .unwrap_or(&v.article.published)
            .as_str()
            .to_owned();
        let _ = write!(
            sitemap,
            "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
            escape(&page_url(base, &v.slug, &v.lang)),
            escape(&lastmod)
        );
        for other in &siblings {
            let _ = writeln!(
                sitemap,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(&other.lang),
                escape(&page_url(base, &other.slug, &other.lang))
            );
        }
        sitemap.push_str("  </url>\n");
    }
    sitemap.push_str("</urlset>\n");
    write_file(&out.join("sitemap.xml"), sitemap.as_bytes())?;
    let articles = versions
        .iter()
        .map(|v| &v.slug)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Ok((count, articles))
}
