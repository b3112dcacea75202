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
//! **Archives.** Memory is bounded by the index, not the pages: the index
//! (`index`) keeps each version's content hash, language, the versions it
//! lists, the articles its related strip names and its date; pages then
//! render on every core, each from its own document, written at once; the
//! sitemaps are made one file at a time. **Incremental**: what a page shows
//! is decided by a key (the hashes of its document and of the widget build,
//! the base URL, which of its versions and related articles exist, its
//! teaser file); a page is rendered only when its key is new, so an
//! unchanged archive writes nothing, and a removed article's pages go. A
//! document is read and hashed again only when its stamp is not the one
//! recorded with its hash (`manifest`). Output is the same whatever the
//! number of threads.
//!
//! **All or nothing** (`swap`): the files of a run are written beside
//! `OUT_DIR` and put in place only once all of them are written and every
//! document is valid; a failure leaves the previous site as it was. Every
//! bad document is reported, by file, in one run.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use lectern::model::{self, Resolver, WhatwgUrl};
use rayon::prelude::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use url::Url;

use crate::render::escape;

mod index;
mod manifest;
pub mod page;
mod progress;
mod sitemap;
pub mod swap;

use index::{DocFile, Looked};
use manifest::{Record, NAME as MANIFEST};
use progress::Progress;

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
/// [--jobs N] [--verify]`; returns a summary.
///
/// # Errors
/// A message for the terminal: every bad document, by file.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut positional = Vec::new();
    let mut base = None;
    let mut widget_dir = PathBuf::from("dist");
    let mut jobs = 0;
    let mut verify = false;
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
            "--verify" => verify = true,
            other => positional.push(PathBuf::from(other)),
        }
    }
    let [content, out] = positional.as_slice() else {
        return Err(
            "publish takes CONTENT_DIR OUT_DIR --base-url URL [--widget DIR] [--jobs N] [--verify]"
                .into(),
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
    let done = threads.install(|| publish(content, &staging, &base, &widget_dir, verify))?;
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
    // The UI catalogs, beside the entry (it fetches `i18n/TAG.json`); a
    // build without them speaks English alone.
    let i18n = dir.join("i18n");
    let mut catalogs: Vec<String> = fs::read_dir(&i18n)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "json")
        })
        .collect();
    catalogs.sort();
    for name in catalogs {
        let path = i18n.join(&name);
        files.push((
            format!("lectern/i18n/{name}"),
            fs::read(&path).map_err(|e| io(&path, &e))?,
        ));
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

/// The page of a version.
fn page_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}/")
}

/// The published document of a version.
fn doc_url(base: &Url, slug: &str, lang: &str) -> String {
    format!("{base}{slug}/{lang}.json")
}

/// A version's page, planned: its document, its index entry, the languages
/// of its article's versions that exist, and its key.
struct Planned<'a> {
    doc: &'a DocFile,
    record: &'a Record,
    siblings: Vec<&'a str>,
    key: u128,
}

impl Planned<'_> {
    /// Its two files in the site: the published document and the page.
    fn files(&self) -> [String; 2] {
        page_files(self.doc.slug(), self.record.lang())
    }
}

/// The files of a version's page in the site.
fn page_files(slug: &str, lang: &str) -> [String; 2] {
    [
        format!("{slug}/{lang}.json"),
        format!("{slug}/{lang}/index.html"),
    ]
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

/// Writes `bytes` to `rel` in the staging folder.
fn stage(staging: &swap::Staging, rel: &str, bytes: &[u8]) -> Result<(), String> {
    crate::files::write_file(&staging.dir()?.join(rel), bytes)
}

/// Publishes into `staging`: every file whose key is new is written there;
/// what the site must lose is listed. With `verify`, every document is
/// read and hashed again and every file the site should hold is checked
/// for, instead of trusting the last run's manifest.
#[allow(clippy::too_many_lines)]
fn publish(
    content: &Path,
    staging: &swap::Staging,
    base: &Url,
    widget_dir: &Path,
    verify: bool,
) -> Result<Done, String> {
    let run = SystemTime::now();
    let previous = staging.previous();
    let mut old = manifest::read(previous);
    let widget = read_widget(widget_dir)?;
    let widget_hash = widget.hash.to_le_bytes();
    // Finding and looking at the documents waits on the disk more than on
    // the processor: a pool of its own keeps many requests in flight.
    let disk = rayon::ThreadPoolBuilder::new()
        .num_threads(DISK_THREADS)
        .build()
        .map_err(|e| e.to_string())?;
    let (docs, assets) = disk.install(|| index::discover(content))?;

    // The index: each document's stamp, and where it is new or changed its
    // content (in parallel); the last run's entries are taken, not copied.
    let looked: Vec<Result<Looked, String>> = disk.install(|| {
        docs.par_iter()
            .map(|doc| index::look(doc, content, &old, run, verify, base))
            .collect()
    });
    let mut problems = Vec::new();
    // Versions whose pages the site had, and may lose: (SLUG, LANG).
    let mut gone: Vec<(String, Box<str>)> = Vec::new();
    let mut records: Vec<Option<Record>> = Vec::with_capacity(docs.len());
    for (doc, looked) in docs.iter().zip(looked) {
        let earlier = old.take(&doc.rel);
        records.push(match (looked, earlier) {
            (Err(e), earlier) => {
                problems.push(e);
                if let Some(r) = earlier {
                    gone.push((doc.slug().to_owned(), r.lang().into()));
                }
                None
            }
            (Ok(Looked::Same(stamp)), Some(mut r)) => {
                r.stamp = stamp;
                Some(r)
            }
            (Ok(Looked::New(r)), earlier) => {
                if let Some(e) = earlier.filter(|e| e.lang() != r.lang()) {
                    gone.push((doc.slug().to_owned(), e.lang().into()));
                }
                Some(*r)
            }
            (Ok(Looked::Same(_)), None) => None,
        });
    }
    gone.extend(
        old.rest()
            .into_iter()
            .filter_map(|(rel, r)| Some((rel.split_once('/')?.0.to_owned(), r.lang().into()))),
    );
    let asset_hashes: Vec<Result<(u128, Option<manifest::Stamp>), String>> = disk.install(|| {
        assets
            .par_iter()
            .map(|(slug, name, path)| {
                index::look_asset(&format!("{slug}/{name}"), path, &old, run, verify)
            })
            .collect()
    });
    drop(disk);

    // Which versions exist, by `SLUG/LANG`, and each article's, in order.
    let mut present: HashSet<String> = HashSet::new();
    let mut versions_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (doc, record) in docs.iter().zip(&records) {
        if let Some(record) = record {
            present.insert(format!("{}/{}", doc.slug(), record.lang()));
            versions_of
                .entry(doc.slug())
                .or_default()
                .push(record.lang());
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

    // Every page's key, and the pages to render: those whose key is new
    // (and, with `verify`, those with a file missing).
    let missing = |rel: &str| verify && previous.is_none_or(|p| !p.join(rel).is_file());
    let mut planned = Vec::with_capacity(docs.len());
    for (doc, record) in docs.iter().zip(&records) {
        let Some(record) = record else { continue };
        // The versions of this article that exist, as its translations list them.
        let all = versions_of.get(doc.slug()).cloned().unwrap_or_default();
        let mut siblings: Vec<&str> = all
            .into_iter()
            .filter(|l| record.langs().any(|t| t == *l))
            .collect();
        if siblings.is_empty() {
            siblings.push(record.lang());
        }
        let linked: Vec<u8> = record
            .related()
            .map(|r| u8::from(present.contains(r)))
            .collect();
        let teaser = teasers.get(doc.slug()).copied().unwrap_or_default();
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
    let to_render: Vec<&Planned<'_>> = planned
        .iter()
        .filter(|p| p.record.key != p.key || p.files().iter().any(|f| missing(f)))
        .collect();

    // The pages, on every core; each from its own document.
    let progress = Progress::new(to_render.len());
    let rendered: Vec<Result<(), String>> = to_render
        .par_iter()
        .map(|p| {
            let result = render_version(
                content,
                p.doc,
                p.record,
                &p.siblings,
                base,
                &present,
                teasers.get(p.doc.slug()).copied(),
                &widget,
                staging,
            );
            progress.tick();
            result
        })
        .collect();
    problems.extend(rendered.into_iter().filter_map(Result::err));
    if !problems.is_empty() {
        problems.sort();
        return Err(format!(
            "{} document(s) could not be published (nothing was changed):\n{}",
            problems.len(),
            problems.join("\n")
        ));
    }
    let mut written: Vec<PathBuf> = to_render
        .iter()
        .flat_map(|p| p.files())
        .map(PathBuf::from)
        .collect();
    let keys: Vec<u128> = planned.iter().map(|p| p.key).collect();
    let pages = planned.len();
    let articles = planned
        .iter()
        .map(|p| p.doc.slug())
        .collect::<BTreeSet<_>>()
        .len();
    drop(to_render);
    drop(planned);

    // The other files: the articles' own, the widget's, the sitemap.
    let mut files: Vec<(String, u128, Option<manifest::Stamp>)> = Vec::new();
    // Each written if its key is new (or, with `verify`, it is missing).
    let mut put = |rel: String, hash: u128, from: Source<'_>| {
        if old.files.get(rel.as_str()).map(|f| f.0) != Some(hash) || missing(&rel) {
            match from {
                Source::Bytes(bytes) => stage(staging, &rel, bytes)?,
                Source::File(path, _) => {
                    stage(staging, &rel, &fs::read(path).map_err(|e| io(path, &e))?)?;
                }
            }
            written.push(PathBuf::from(&rel));
        }
        let stamp = match from {
            Source::File(_, stamp) => stamp,
            Source::Bytes(_) => None,
        };
        files.push((rel, hash, stamp));
        Ok::<(), String>(())
    };
    for ((slug, name, path), looked) in assets.iter().zip(asset_hashes) {
        let (hash, stamp) = looked?;
        put(format!("{slug}/{name}"), hash, Source::File(path, stamp))?;
    }
    for (rel, bytes) in &widget.files {
        put(rel.clone(), key(&[bytes]), Source::Bytes(bytes))?;
    }
    let mut entries: Vec<(&str, &Record)> = docs
        .iter()
        .zip(&records)
        .filter_map(|(doc, r)| Some((doc.slug(), r.as_ref()?)))
        .collect();
    entries.sort_by(|a, b| (a.0, a.1.lang()).cmp(&(b.0, b.1.lang())));
    let versions_of = &versions_of;
    let siblings_of = |slug: &str, record: &Record| -> Vec<String> {
        let mut siblings: Vec<String> = versions_of
            .get(slug)
            .into_iter()
            .flatten()
            .filter(|l| record.langs().any(|t| t == **l))
            .map(|l| (*l).to_owned())
            .collect();
        if siblings.is_empty() {
            siblings.push(record.lang().to_owned());
        }
        siblings
    };
    let chunks = entries.len().div_ceil(sitemap::URLS);
    let mut names = Vec::new();
    for (n, chunk) in entries.chunks(sitemap::URLS).enumerate() {
        // One sitemap at a time: written (if it changed), then let go.
        let xml = sitemap::urlset(base, chunk, &siblings_of);
        let name = if chunks == 1 {
            "sitemap.xml".to_owned()
        } else {
            format!("sitemap-{}.xml", n + 1)
        };
        put(
            name.clone(),
            key(&[xml.as_bytes()]),
            Source::Bytes(xml.as_bytes()),
        )?;
        names.push(name);
    }
    if names.len() > 1 {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for name in &names {
            let _ = writeln!(
                index,
                "  <sitemap><loc>{}</loc></sitemap>",
                escape(&format!("{base}{name}"))
            );
        }
        index.push_str("</sitemapindex>\n");
        put(
            "sitemap.xml".to_owned(),
            key(&[index.as_bytes()]),
            Source::Bytes(index.as_bytes()),
        )?;
    }
    drop(entries);

    // What the site loses: the pages of versions that no longer exist, and
    // the other files of the last run that this one did not produce (a
    // page's files, in a manifest of the first format, count as pages).
    // Files that no run of publish made are left alone.
    let produced: HashSet<&str> = files.iter().map(|(rel, _, _)| rel.as_str()).collect();
    let is_present_page = |rel: &str| {
        rel.strip_suffix(".json")
            .or_else(|| rel.strip_suffix("/index.html"))
            .is_some_and(|version| present.contains(version))
    };
    let mut removed: BTreeSet<PathBuf> = BTreeSet::new();
    if previous.is_some() {
        for (slug, lang) in &gone {
            if !present.contains(&format!("{slug}/{lang}")) {
                removed.extend(page_files(slug, lang).into_iter().map(PathBuf::from));
            }
        }
        for rel in old.files.keys() {
            if !produced.contains(&**rel) && !is_present_page(rel) {
                removed.insert(PathBuf::from(&**rel));
            }
        }
    }
    drop(produced);
    let kept = 2 * pages + files.len() - written.len();
    // The manifest, when anything changed (an unchanged run writes nothing).
    if !written.is_empty() || !removed.is_empty() || previous.is_none() {
        let mut key_of = keys.iter();
        for record in records.iter_mut().flatten() {
            record.key = key_of.next().copied().unwrap_or_default();
        }
        let path = staging.dir()?.join(MANIFEST);
        let listed = docs
            .iter()
            .zip(&records)
            .filter_map(|(doc, r)| Some((&*doc.rel, r.as_ref()?)));
        manifest::write(&path, listed, &mut files).map_err(|e| io(&path, &e))?;
        written.push(PathBuf::from(MANIFEST));
    }
    Ok(Done {
        pages,
        articles,
        written,
        kept,
        removed: removed.into_iter().collect(),
    })
}

/// Where a file other than a page comes from.
enum Source<'a> {
    Bytes(&'a [u8]),
    /// An article's own file, and its stamp when it was hashed.
    File(&'a Path, Option<manifest::Stamp>),
}

/// Threads that find and look at documents (they mostly wait on the disk).
const DISK_THREADS: usize = 32;

/// Reads, checks and renders one version: its published JSON and its page,
/// written into the staging folder.
#[allow(clippy::too_many_arguments)]
fn render_version(
    content: &Path,
    doc: &DocFile,
    record: &Record,
    siblings: &[&str],
    base: &Url,
    present: &HashSet<String>,
    teaser: Option<&str>,
    widget: &Widget,
    staging: &swap::Staging,
) -> Result<(), String> {
    let path = doc.path(content);
    let bytes = fs::read(&path).map_err(|e| io(&path, &e))?;
    let mut json: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let url = doc_url(base, doc.slug(), record.lang());
    link_related(&mut json, &url, base, present);
    // Checked as published, so the page shows what its JSON says.
    let published = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    model::check_size(published.len()).map_err(|e| format!("{}: {e}", path.display()))?;
    let urls = Resolver::new(&WhatwgUrl, Some(&url));
    let article = model::check_value(&json, &urls).map_err(|problems| {
        format!(
            "{}: {}",
            path.display(),
            model::ContentError::Invalid(problems)
        )
    })?;
    let version = page::Version {
        slug: doc.slug(),
        lang: record.lang(),
        json: &json,
        article: &article,
    };
    let html = page::page(&version, siblings, base, teaser, widget)?;
    // One folder made for both files (the article's and the version's).
    let article = staging.dir()?.join(doc.slug());
    let folder = article.join(record.lang());
    fs::create_dir_all(&folder).map_err(|e| io(&folder, &e))?;
    let json_path = article.join(format!("{}.json", record.lang()));
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
