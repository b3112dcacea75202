//! The index: the content folder's documents, each looked at once (its
//! stamp, and where it is new or changed its content, hashed and read for
//! its index entry), before any page is rendered.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;
use url::Url;

use super::manifest::{self, Manifest, Record};
use super::{doc_url, io, key};

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

/// One document of the content folder, by its path there (`SLUG/FILE.json`).
pub struct DocFile {
    pub rel: Box<str>,
}

impl DocFile {
    pub fn slug(&self) -> &str {
        self.rel.split_once('/').map_or("", |(slug, _)| slug)
    }

    pub fn path(&self, content: &Path) -> PathBuf {
        content.join(&*self.rel)
    }
}

/// The index entry of a document read from JSON (a new or changed one).
fn record_of(json: &Value, hash: u128, slug: &str, file_lang: &str, base: &Url) -> Record {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    let lang = text(json, "lang").unwrap_or_else(|| file_lang.to_owned());
    let langs: Vec<String> = json
        .get("translations")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|t| text(t, "lang")).collect())
        .unwrap_or_default();
    let url = Url::parse(&doc_url(base, slug, &lang)).ok();
    let related: Vec<String> = json
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
        key: None,
        stamp: None,
        lang: lang.into(),
        langs: langs.join(" ").into(),
        related: related.join(" ").into(),
        lastmod: lastmod.into(),
    }
}

/// The content folder's documents (`SLUG/*.json`) and the articles' other
/// files (`SLUG`, name, path), in order.
pub type Assets = Vec<(String, String, PathBuf)>;
pub fn discover(content: &Path) -> Result<(Vec<DocFile>, Assets), String> {
    let mut docs = Vec::new();
    let mut assets = Vec::new();
    for folder in entries(content)?.into_iter().filter(|p| p.is_dir()) {
        let slug = file_name(&folder);
        for path in entries(&folder)? {
            let name = file_name(&path);
            let rel = format!("{slug}/{name}");
            if !manifest::fits(&rel) {
                return Err(format!(
                    "{}: a name with a tab or a line break cannot be published",
                    path.display()
                ));
            }
            if path.extension().is_some_and(|e| e == "json") {
                docs.push(DocFile { rel: rel.into() });
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
    Ok((docs, assets))
}

/// A document as this run found it: as the last run left it (its entry
/// can be kept, with the stamp it has now), or new or changed.
pub enum Looked {
    Same(Option<manifest::Stamp>),
    New(Record),
}

/// Looks at one document: its stamp first, then (unless the stamp is the
/// one recorded with its hash, and `verify` is off) its content, hashed;
/// a new or changed one is read as JSON for its index entry.
pub fn look(
    doc: &DocFile,
    content: &Path,
    old: &Manifest,
    run: SystemTime,
    verify: bool,
    base: &Url,
) -> Result<Looked, String> {
    let path = doc.path(content);
    let known = old.docs.get(&doc.rel);
    let stamp = fs::metadata(&path)
        .map_err(|e| io(&path, &e))
        .map(|m| manifest::Stamp::of(&m))?;
    if !verify && stamp.is_some() && known.is_some_and(|r| r.stamp == stamp) {
        return Ok(Looked::Same(stamp));
    }
    // The stamp is taken before the read: a change after it shows in the next stamp.
    let stamp = stamp.and_then(|s| s.settled(run));
    let bytes = fs::read(&path).map_err(|e| io(&path, &e))?;
    let hash = key(&[&bytes]);
    if known.is_some_and(|r| r.hash == hash) {
        return Ok(Looked::Same(stamp));
    }
    let json: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let file_lang = doc
        .rel
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".json");
    let mut record = record_of(&json, hash, doc.slug(), file_lang, base);
    record.stamp = stamp;
    if !manifest::fits(&record.lang)
        || !manifest::fits(&record.lastmod)
        || !manifest::fits(&record.langs)
    {
        return Err(format!(
            "{}: a tab or a line break in lang, a date or a translation's lang",
            path.display()
        ));
    }
    Ok(Looked::New(record))
}
