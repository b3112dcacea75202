//! The index: the content folder's documents, each looked at once (its
//! stamp, and where it is new or changed its content, hashed and read for
//! its index entry), before any page is rendered.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use serde_json::Value;
use url::Url;

use super::manifest::{self, Manifest, Record};
use super::{doc_url, io, key};

/// A folder's entries, sorted by name: (name, path, whether a folder,
/// whether a file). The kind comes with the listing where the file system
/// gives it (no `stat` a file); a link is followed.
fn entries(folder: &Path) -> Result<Vec<(String, PathBuf, bool, bool)>, String> {
    let mut found: Vec<(String, PathBuf, bool, bool)> = fs::read_dir(folder)
        .map_err(|e| io(folder, &e))?
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let kind = match e.file_type() {
                Ok(t) if !t.is_symlink() => Some(t),
                _ => fs::metadata(&path).ok().map(|m| m.file_type()),
            };
            let name = e.file_name().to_str().unwrap_or_default().to_owned();
            let (dir, file) = kind.map_or((false, false), |t| (t.is_dir(), t.is_file()));
            (name, path, dir, file)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
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

/// The index entry of a document read from JSON (a new or changed one);
/// none when its language, a translation's or its date holds a tab or a
/// line break (the manifest could not keep it; no valid document does).
fn record_of(json: &Value, hash: u128, slug: &str, file_lang: &str, base: &Url) -> Option<Record> {
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
    let fit = [&lang, &lastmod]
        .into_iter()
        .chain(&langs)
        .all(|t| manifest::fits(t));
    fit.then(|| Record::new(hash, &lang, &lastmod, &langs, &related))
}

/// The content folder's documents (`SLUG/*.json`) and the articles' other
/// files (`SLUG`, name, path), in order. The folders are listed in
/// parallel: listing waits on the disk, and many requests at once keep its
/// queue full.
pub type Assets = Vec<(String, String, PathBuf)>;
pub fn discover(content: &Path) -> Result<(Vec<DocFile>, Assets), String> {
    let folders: Vec<(String, PathBuf)> = entries(content)?
        .into_iter()
        .filter(|(_, _, dir, _)| *dir)
        .map(|(name, path, _, _)| (name, path))
        .collect();
    let listed: Vec<Result<(Vec<DocFile>, Assets), String>> = folders
        .par_iter()
        .map(|(slug, folder)| {
            let mut docs = Vec::new();
            let mut assets = Vec::new();
            for (name, path, _, file) in entries(folder)? {
                let rel = format!("{slug}/{name}");
                if !manifest::fits(&rel) {
                    return Err(format!(
                        "{}: a name with a tab or a line break cannot be published",
                        path.display()
                    ));
                }
                if path.extension().is_some_and(|e| e == "json") {
                    docs.push(DocFile { rel: rel.into() });
                } else if file {
                    assets.push((slug.clone(), name, path));
                }
            }
            Ok((docs, assets))
        })
        .collect();
    let mut docs = Vec::new();
    let mut assets = Vec::new();
    for folder in listed {
        let (d, a) = folder?;
        docs.extend(d);
        assets.extend(a);
    }
    if docs.is_empty() {
        return Err(format!(
            "{}: no SLUG/LANG.json documents",
            content.display()
        ));
    }
    Ok((docs, assets))
}

/// An article's other file (a teaser image): its content hash and stamp,
/// read and hashed only when its stamp is not the one recorded.
pub fn look_asset(
    rel: &str,
    path: &Path,
    old: &Manifest,
    run: SystemTime,
    verify: bool,
) -> Result<(u128, Option<manifest::Stamp>), String> {
    let stamp = fs::metadata(path)
        .map_err(|e| io(path, &e))
        .map(|m| manifest::Stamp::of(&m))?;
    if let Some((hash, known)) = old.files.get(rel) {
        if !verify && stamp.is_some() && *known == stamp {
            return Ok((*hash, stamp));
        }
    }
    let bytes = fs::read(path).map_err(|e| io(path, &e))?;
    Ok((key(&[&bytes]), stamp.and_then(|s| s.settled(run))))
}

/// A document as this run found it: as the last run left it (its entry
/// can be kept, with the stamp it has now), or new or changed.
pub enum Looked {
    Same(Option<manifest::Stamp>),
    New(Box<Record>),
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
    let known = old.doc(&doc.rel);
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
    let mut record = record_of(&json, hash, doc.slug(), file_lang, base).ok_or_else(|| {
        format!(
            "{}: a tab or a line break in lang, a date or a translation's lang",
            path.display()
        )
    })?;
    record.stamp = stamp;
    Ok(Looked::New(Box::new(record)))
}
