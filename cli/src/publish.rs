//! `publish`: a content folder to a folder any static host or CDN serves.
//!
//! ```text
//! OUT/SLUG/LANG.json            every version's document
//! OUT/SLUG/LANG/index.html      one pre-rendered page per version
//! OUT/SLUG/*                    the article's other files (teaser images)
//! OUT/lectern/…                 the widget's files, once, content-hashed
//! OUT/sitemap.xml               every page, with its alternates (an index of
//!                               sitemap-N.xml past 50,000 pages)
//! OUT/.lectern-manifest         what this run produced, for the next one
//! ```
//!
//! Each page is readable without scripts (the widget's own markup, rendered
//! here: `page`) and goes live like the standalone page. Every URL is
//! absolute, from `--base-url` (which may have a path). Related teasers that
//! point to articles of the corpus link to their published pages.
//!
//! **Archives.** Memory is bounded by the largest article, not the archive:
//! a first pass reads and hashes every file (in parallel) and keeps a small
//! index of each version (its content hash, language, the versions it
//! lists, the articles its related strip names, its date); pages then
//! render on every core, each from its own document, written at once.
//! **Incremental**: what a page shows is decided by a key (the hashes of its
//! document and of the widget build, the base URL, which of its versions and
//! related articles exist, its teaser file); a page is rendered only when
//! its key is new, so an unchanged archive writes nothing, and a removed
//! article's pages go. Output is the same whatever the number of threads.
//!
//! **All or nothing** (`swap`): the files of a run are written beside
//! `OUT_DIR` and put in place only once all of them are written and every
//! document is valid; a failure leaves the previous site as it was. Every
//! bad document is reported, by file, in one run.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use lectern::model::{self, Resolver, WhatwgUrl};
use rayon::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::Url;

use crate::render::escape;

pub mod page;
pub mod swap;

/// The widget's files in the published folder, by role, and its stylesheet,
/// which every page carries inline (first paint in one request).
pub struct Widget {
    entry: String,
    glue: String,
    wasm: String,
    style: String,
    /// `lectern/NAME` and the bytes, for each of its files.
    files: Vec<(String, Vec<u8>)>,
    /// Of all its files: a new build renders every page again.
    hash: u128,
}

/// Runs `publish CONTENT_DIR OUT_DIR --base-url URL [--widget DIR]
/// [--jobs N]`; returns a summary.
///
/// # Errors
/// A message for the terminal: every bad document, by file.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut positional = Vec::new();
    let mut base = None;
    let mut widget_dir = PathBuf::from("dist");
    let mut jobs = 0;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--base-url" => base = Some(iter.next().ok_or("--base-url takes a URL")?.clone()),
            "--widget" => widget_dir = PathBuf::from(iter.next().ok_or("--widget takes a folder")?),
            "--jobs" => {
                jobs = iter
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("--jobs takes a number of threads")?;
            }
            other => positional.push(PathBuf::from(other)),
        }
    }
    let [content, out] = positional.as_slice() else {
        return Err(
            "publish takes CONTENT_DIR OUT_DIR --base-url URL [--widget DIR] [--jobs N]".into(),
        );
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
    let started = Instant::now();
    // Written beside OUT_DIR, put in place only when all of it is written.
    let staging = swap::Staging::new(out, content)?;
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| e.to_string())?;
    let done = threads.install(|| publish(content, &staging, &base, &widget_dir))?;
    let changes = swap::Changes {
        written: done.written.clone(),
        removed: done.removed.clone(),
    };
    staging.commit(&changes)?;
    Ok(format!(
        "published {} page(s) of {} article(s) to {} for {base} in {:.1} s: {} file(s) written, {} kept, {} removed",
        done.pages,
        done.articles,
        out.display(),
        started.elapsed().as_secs_f64(),
        done.written.len(),
        done.kept,
        done.removed.len()
    ))
}

fn io(path: &Path, e: &std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

/// The first 16 hex digits of the SHA-256 of `bytes`, for file names.
fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A 128-bit content key of `parts`.
fn key(parts: &[&[u8]]) -> u128 {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut first = [0_u8; 16];
    first.copy_from_slice(digest.get(..16).unwrap_or(&[0; 16]));
    u128::from_le_bytes(first)
}

/// Reads the widget's files from a release build.
fn read_widget(dir: &Path) -> Result<Widget, String> {
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
    let read = |name: &str| fs::read(dir.join(name)).map_err(|e| io(&dir.join(name), &e));
    let mut files = Vec::new();
    for name in [&glue, &wasm, &css, &"lectern.css".to_owned()] {
        files.push((format!("lectern/{name}"), read(name)?));
    }
    // The entry's own name is stable in a build (embeds link it); here it is
    // content-hashed like the rest, so every file can be cached for ever.
    let entry_bytes = read("lectern.js")?;
    let entry = format!("lectern-entry-{}.js", content_hash(&entry_bytes));
    files.push((format!("lectern/{entry}"), entry_bytes));
    let style = String::from_utf8(read(&css)?).map_err(|e| format!("{css}: {e}"))?;
    if style.contains("</style") {
        return Err(format!("{css}: cannot be inlined (it contains </style)"));
    }
    let parts: Vec<&[u8]> = files
        .iter()
        .flat_map(|(n, b)| [n.as_bytes(), b.as_slice()])
        .collect();
    Ok(Widget {
        hash: key(&parts),
        entry,
        glue,
        wasm,
        style,
        files,
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

/// The page of a version.
fn page_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}/")
}

/// The published document of a version.
fn doc_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}.json")
}

/// What the index keeps of one version: all that other pages and the
/// sitemap need of it, and what decides whether its page is rendered again.
#[derive(Clone, Debug, PartialEq)]
struct Record {
    /// The document's content hash.
    hash: u128,
    lang: String,
    /// The languages its translations list.
    langs: Vec<String>,
    /// The versions its related strip names (`SLUG/LANG`), where they are
    /// in this archive's URL space.
    related: Vec<String>,
    /// `updated`, else `published`, as written (the sitemap's lastmod).
    lastmod: String,
}

/// One document of the content folder.
struct DocFile {
    slug: String,
    path: PathBuf,
    /// `SLUG/FILE.json`, relative to the content folder.
    rel: String,
}

/// The index entry of a document read from JSON (a new or changed one).
fn record_of(json: &Value, hash: u128, slug: &str, file_lang: &str, base: &Url) -> Record {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let lang = text(json, "lang").unwrap_or_else(|| file_lang.to_owned());
    let langs = json
        .get("translations")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|t| text(t, "lang")).collect())
        .unwrap_or_default();
    let url = Url::parse(&doc_url(base, slug, &lang)).ok();
    let related = json
        .get("related")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|r| {
                    let target = url.as_ref()?.join(&text(r, "article")?).ok()?;
                    target
                        .as_str()
                        .strip_prefix(base.as_str())?
                        .strip_suffix(".json")
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    let lastmod = text(json, "updated")
        .or_else(|| text(json, "published"))
        .unwrap_or_default();
    Record {
        hash,
        lang,
        langs,
        related,
        lastmod,
    }
}

/// A version's page, planned: its document, its index entry, the languages
/// of its article's versions that exist, and its key.
struct Planned<'a> {
    doc: &'a DocFile,
    record: &'a Record,
    siblings: Vec<&'a str>,
    key: u128,
}

/// What a run did.
struct Done {
    pages: usize,
    articles: usize,
    /// Files written (relative to the site), to be put in place.
    written: Vec<PathBuf>,
    kept: usize,
    removed: Vec<PathBuf>,
}

/// Counts rendered pages and, on a terminal, says how far along the run is.
struct Progress {
    total: usize,
    done: AtomicUsize,
    started: Instant,
    last: Mutex<Instant>,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Self {
            total,
            done: AtomicUsize::new(0),
            started: Instant::now(),
            last: Mutex::new(Instant::now()),
            // Only where someone watches: never in logs or pipes.
            shown: std::io::stderr().is_terminal() && total > 0,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.shown {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed().as_millis() < 250 && done < self.total {
            return;
        }
        *last = Instant::now();
        let seconds = self.started.elapsed().as_secs_f64().max(0.001);
        #[allow(clippy::cast_precision_loss)]
        let rate = done as f64 / seconds;
        #[allow(clippy::cast_precision_loss)]
        let left = (self.total - done) as f64 / rate.max(0.001);
        eprint!(
            "\rpublish: {done}/{} pages, {rate:.0}/s, {left:.0} s left   ",
            self.total
        );
        if done == self.total {
            eprintln!();
        }
    }
}

/// The previous run's manifest: the index of each document (by its path in
/// the content folder) and the key of every file it wrote.
#[derive(Default)]
struct Manifest {
    docs: HashMap<String, Record>,
    outputs: HashMap<String, u128>,
}

/// The manifest's name in the site.
const MANIFEST: &str = ".lectern-manifest";

fn read_manifest(site: Option<&Path>) -> Manifest {
    let mut manifest = Manifest::default();
    let Some(text) = site.and_then(|s| fs::read_to_string(s.join(MANIFEST)).ok()) else {
        return manifest;
    };
    let list = |s: &str| -> Vec<String> {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["doc", rel, hash, lang, lastmod, langs, related] => {
                if let Ok(hash) = u128::from_str_radix(hash, 16) {
                    manifest.docs.insert(
                        (*rel).to_owned(),
                        Record {
                            hash,
                            lang: (*lang).to_owned(),
                            langs: list(langs),
                            related: list(related),
                            lastmod: (*lastmod).to_owned(),
                        },
                    );
                }
            }
            ["out", rel, hash] => {
                if let Ok(hash) = u128::from_str_radix(hash, 16) {
                    manifest.outputs.insert((*rel).to_owned(), hash);
                }
            }
            _ => {}
        }
    }
    manifest
}

/// A file the site will hold: its path and its key.
type Output = (String, u128);

/// Writes `bytes` to `rel` in the staging folder.
fn stage(staging: &swap::Staging, rel: &str, bytes: &[u8]) -> Result<(), String> {
    crate::files::write_file(&staging.dir()?.join(rel), bytes)
}

/// Publishes into `staging`: every file whose key is new is written there;
/// what the site must lose is listed.
#[allow(clippy::too_many_lines)]
fn publish(
    content: &Path,
    staging: &swap::Staging,
    base: &Url,
    widget_dir: &Path,
) -> Result<Done, String> {
    let previous = staging.previous();
    let old = read_manifest(previous);
    let widget = read_widget(widget_dir)?;
    let widget_hash = widget.hash.to_le_bytes();

    // The content folder: documents and the articles' other files.
    let mut docs = Vec::new();
    let mut assets = Vec::new();
    for folder in entries(content)?.into_iter().filter(|p| p.is_dir()) {
        let slug = file_name(&folder);
        for path in entries(&folder)? {
            let name = file_name(&path);
            if path.extension().is_some_and(|e| e == "json") {
                docs.push(DocFile {
                    rel: format!("{slug}/{name}"),
                    slug: slug.clone(),
                    path,
                });
            } else if path.is_file() {
                assets.push((slug.clone(), name, path));
            }
        }
    }
    if docs.is_empty() {
        return Err(format!(
            "{}: no SLUG/LANG.json documents",
            content.display()
        ));
    }

    // The index: every document read and hashed (in parallel); a changed
    // one read as JSON for what the index keeps.
    let problems = Mutex::new(Vec::new());
    let records: Vec<Option<Record>> = docs
        .par_iter()
        .map(|doc| {
            let bytes = fs::read(&doc.path).map_err(|e| io(&doc.path, &e));
            let bytes = match bytes {
                Ok(b) => b,
                Err(e) => {
                    problems.lock().ok()?.push(e);
                    return None;
                }
            };
            let hash = key(&[&bytes]);
            if let Some(known) = old.docs.get(&doc.rel).filter(|r| r.hash == hash) {
                return Some(known.clone());
            }
            match serde_json::from_slice::<Value>(&bytes) {
                Ok(json) => {
                    let file_lang = doc.rel.rsplit('/').next()?.trim_end_matches(".json");
                    Some(record_of(&json, hash, &doc.slug, file_lang, base))
                }
                Err(e) => {
                    problems
                        .lock()
                        .ok()?
                        .push(format!("{}: {e}", doc.path.display()));
                    None
                }
            }
        })
        .collect();
    let asset_hashes: Vec<Option<u128>> = assets
        .par_iter()
        .map(|(_, _, path)| fs::read(path).ok().map(|b| key(&[&b])))
        .collect();

    // Which versions exist, by `SLUG/LANG`, and each article's, in order.
    let mut present: HashSet<String> = HashSet::new();
    let mut versions_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (doc, record) in docs.iter().zip(&records) {
        if let Some(record) = record {
            present.insert(format!("{}/{}", doc.slug, record.lang));
            versions_of.entry(&doc.slug).or_default().push(&record.lang);
        }
    }
    let teasers: HashMap<&str, &str> = {
        let mut found = HashMap::new();
        for name in ["teaser.png", "teaser.jpg", "teaser.webp", "teaser.svg"] {
            for (slug, file, _) in &assets {
                if file == name {
                    found.entry(slug.as_str()).or_insert(name);
                }
            }
        }
        found
    };

    // Every page's key, and the pages to render.
    let mut planned = Vec::with_capacity(docs.len());
    for (doc, record) in docs.iter().zip(&records) {
        let Some(record) = record else { continue };
        // The versions of this article that exist, as its translations list them.
        let all = versions_of
            .get(doc.slug.as_str())
            .cloned()
            .unwrap_or_default();
        let mut siblings: Vec<&str> = all
            .into_iter()
            .filter(|l| record.langs.iter().any(|t| t == l))
            .collect();
        if siblings.is_empty() {
            siblings.push(&record.lang);
        }
        let linked: Vec<u8> = record
            .related
            .iter()
            .map(|r| u8::from(present.contains(r)))
            .collect();
        let teaser = teasers.get(doc.slug.as_str()).copied().unwrap_or_default();
        let key = key(&[
            &widget_hash,
            base.as_str().as_bytes(),
            &record.hash.to_le_bytes(),
            siblings.join(",").as_bytes(),
            &linked,
            teaser.as_bytes(),
        ]);
        planned.push(Planned {
            doc,
            record,
            siblings,
            key,
        });
    }
    // A file is rendered when its key is new, or it is missing.
    let fresh = |rel: &str, key: u128| {
        old.outputs.get(rel) != Some(&key) || previous.is_none_or(|p| !p.join(rel).is_file())
    };
    let mut outputs: Vec<Output> = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    let to_render: Vec<&Planned<'_>> = planned
        .iter()
        .filter(|p| {
            let (json, html) = (
                format!("{}/{}.json", p.doc.slug, p.record.lang),
                format!("{}/{}/index.html", p.doc.slug, p.record.lang),
            );
            fresh(&json, p.key) || fresh(&html, p.key)
        })
        .collect();

    // The pages, on every core; each from its own document.
    let progress = Progress::new(to_render.len());
    let rendered: Vec<Result<(), String>> = to_render
        .par_iter()
        .map(|p| {
            let result = render_version(
                p.doc,
                p.record,
                &p.siblings,
                base,
                &present,
                teasers.get(p.doc.slug.as_str()).copied(),
                &widget,
                staging,
            );
            progress.tick();
            result
        })
        .collect();
    let mut problems = problems.into_inner().map_err(|e| e.to_string())?;
    problems.extend(rendered.into_iter().filter_map(Result::err));
    if !problems.is_empty() {
        problems.sort();
        return Err(format!(
            "{} document(s) could not be published (nothing was changed):\n{}",
            problems.len(),
            problems.join("\n")
        ));
    }
    for p in &planned {
        for rel in [
            format!("{}/{}.json", p.doc.slug, p.record.lang),
            format!("{}/{}/index.html", p.doc.slug, p.record.lang),
        ] {
            outputs.push((rel, p.key));
        }
    }
    for p in &to_render {
        written.push(PathBuf::from(format!(
            "{}/{}.json",
            p.doc.slug, p.record.lang
        )));
        written.push(PathBuf::from(format!(
            "{}/{}/index.html",
            p.doc.slug, p.record.lang
        )));
    }

    // The articles' other files, and the widget's.
    for ((slug, name, path), hash) in assets.iter().zip(&asset_hashes) {
        let Some(hash) = hash else {
            return Err(format!("{}: cannot be read", path.display()));
        };
        let rel = format!("{slug}/{name}");
        if fresh(&rel, *hash) {
            let bytes = fs::read(path).map_err(|e| io(path, &e))?;
            stage(staging, &rel, &bytes)?;
            written.push(PathBuf::from(&rel));
        }
        outputs.push((rel, *hash));
    }
    for (rel, bytes) in &widget.files {
        let hash = key(&[bytes]);
        if fresh(rel, hash) {
            stage(staging, rel, bytes)?;
            written.push(PathBuf::from(rel));
        }
        outputs.push((rel.clone(), hash));
    }

    // The sitemap: every page with its alternates, sorted; past 50,000
    // pages, an index of sitemaps of 50,000.
    let mut entries: Vec<&Planned<'_>> = planned.iter().collect();
    entries.sort_by(|a, b| (&a.doc.slug, &a.record.lang).cmp(&(&b.doc.slug, &b.record.lang)));
    let chunks: Vec<&[&Planned<'_>]> = entries.chunks(SITEMAP_URLS).collect();
    let mut sitemaps: Vec<(String, String)> = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for p in *chunk {
            let _ = write!(
                xml,
                "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>\n",
                escape(&page_url(base, &p.doc.slug, &p.record.lang)),
                escape(&p.record.lastmod)
            );
            for other in &p.siblings {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(other),
                    escape(&page_url(base, &p.doc.slug, other))
                );
            }
            xml.push_str("  </url>\n");
        }
        xml.push_str("</urlset>\n");
        let name = if chunks.len() == 1 {
            "sitemap.xml".to_owned()
        } else {
            format!("sitemap-{}.xml", n + 1)
        };
        sitemaps.push((name, xml));
    }
    if sitemaps.len() > 1 {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (name, _) in &sitemaps {
            let _ = writeln!(
                index,
                "  <sitemap><loc>{}</loc></sitemap>",
                escape(&format!("{base}{name}"))
            );
        }
        index.push_str("</sitemapindex>\n");
        sitemaps.push(("sitemap.xml".to_owned(), index));
    }
    for (name, xml) in &sitemaps {
        let hash = key(&[xml.as_bytes()]);
        if fresh(name, hash) {
            stage(staging, name, xml.as_bytes())?;
            written.push(PathBuf::from(name));
        }
        outputs.push((name.clone(), hash));
    }

    // What the site loses: the files of the last run that this one did not
    // produce, and anything else in it (a finished run leaves exactly what
    // it produced).
    let produced: HashSet<&str> = outputs.iter().map(|(rel, _)| rel.as_str()).collect();
    let mut removed: BTreeSet<PathBuf> = BTreeSet::new();
    if let Some(site) = previous {
        let mut stack = vec![site.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).map_err(|e| io(&dir, &e))?.flatten() {
                let path = entry.path();
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(path);
                } else if let Ok(rel) = path.strip_prefix(site) {
                    let text = rel.to_string_lossy();
                    if text != MANIFEST && !produced.contains(text.as_ref()) {
                        removed.insert(rel.to_path_buf());
                    }
                }
            }
        }
    }
    let kept = outputs.len() - written.len();
    // The manifest, when anything changed (an unchanged run writes nothing).
    if !written.is_empty() || !removed.is_empty() || previous.is_none() {
        let mut text = String::from("lectern-publish 1\n");
        for (doc, record) in docs.iter().zip(&records) {
            if let Some(r) = record {
                let _ = writeln!(
                    text,
                    "doc\t{}\t{:032x}\t{}\t{}\t{}\t{}",
                    doc.rel,
                    r.hash,
                    r.lang,
                    r.lastmod,
                    r.langs.join(","),
                    r.related.join(",")
                );
            }
        }
        let mut sorted = outputs;
        sorted.sort();
        for (rel, hash) in &sorted {
            let _ = writeln!(text, "out\t{rel}\t{hash:032x}");
        }
        stage(staging, MANIFEST, text.as_bytes())?;
        written.push(PathBuf::from(MANIFEST));
    }
    let articles = planned
        .iter()
        .map(|p| &p.doc.slug)
        .collect::<BTreeSet<_>>()
        .len();
    Ok(Done {
        pages: planned.len(),
        articles,
        written,
        kept,
        removed: removed.into_iter().collect(),
    })
}

/// URLs in one sitemap file, as the sitemaps protocol allows.
const SITEMAP_URLS: usize = 50_000;

/// Reads, checks and renders one version: its published JSON and its page,
/// written into the staging folder.
#[allow(clippy::too_many_arguments)]
fn render_version(
    doc: &DocFile,
    record: &Record,
    siblings: &[&str],
    base: &Url,
    present: &HashSet<String>,
    teaser: Option<&str>,
    widget: &Widget,
    staging: &swap::Staging,
) -> Result<(), String> {
    let bytes = fs::read(&doc.path).map_err(|e| io(&doc.path, &e))?;
    let mut json: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", doc.path.display()))?;
    let url = doc_url(base, &doc.slug, &record.lang);
    link_related(&mut json, &url, base, present);
    // Checked as published, so the page shows what its JSON says.
    let published = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    model::check_size(published.len()).map_err(|e| format!("{}: {e}", doc.path.display()))?;
    let urls = Resolver::new(&WhatwgUrl, Some(&url));
    let article = model::check_value(&json, &urls).map_err(|problems| {
        format!(
            "{}: {}",
            doc.path.display(),
            model::ContentError::Invalid(problems)
        )
    })?;
    let version = page::Version {
        slug: &doc.slug,
        lang: &record.lang,
        json: &json,
        article: &article,
    };
    let html = page::page(&version, siblings, base, teaser, widget)?;
    // One folder made for both files (the article's and the version's).
    let article = staging.dir()?.join(&doc.slug);
    let folder = article.join(&record.lang);
    fs::create_dir_all(&folder).map_err(|e| io(&folder, &e))?;
    let json_path = article.join(format!("{}.json", record.lang));
    fs::write(&json_path, &published).map_err(|e| io(&json_path, &e))?;
    let html_path = folder.join("index.html");
    fs::write(&html_path, html.as_bytes()).map_err(|e| io(&html_path, &e))
}

/// Related teasers that point to a document of the corpus link to its page.
fn link_related(json: &mut Value, url: &str, base: &Url, present: &HashSet<String>) {
    let Some(related) = json.get_mut("related").and_then(Value::as_array_mut) else {
        return;
    };
    for teaser in related {
        let target = teaser
            .get("article")
            .and_then(Value::as_str)
            .and_then(|a| Url::parse(url).ok()?.join(a).ok())
            .and_then(|u| {
                let version = u
                    .as_str()
                    .strip_prefix(base.as_str())?
                    .strip_suffix(".json")?;
                present
                    .contains(version)
                    .then(|| format!("{base}{version}/"))
            });
        if let Some(page) = target {
            teaser["href"] = json!(page);
        }
    }
}
