//! What a run leaves in the site for the next one (`.lectern-manifest`):
//! the index entry of every document (its content hash, the key its pages
//! were written with, what other pages and the sitemap need of it) and the
//! key of every other file it wrote (teasers, the widget's files, the
//! sitemaps). A page's files are named by its version, so they are not
//! listed one by one: the manifest stays about 200 bytes a version.
//!
//! ```text
//! lectern-publish 2
//! doc  REL  HASH  KEY  STAMP  LANG  LASTMOD  LANGS  RELATED     (tab-separated)
//! file REL  HASH
//! ```
//!
//! `STAMP` is how the file system last saw the document (size, inode,
//! modification and change times, in nanoseconds), or `-`. It only spares
//! reading a document again: a document whose stamp is exactly the one
//! recorded has the content it had when it was hashed (see [`Stamp`]).
//! What is rendered is still decided by content: a touched or copied
//! document is read and hashed, and is rendered only if its hash changed.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead as _, BufReader, BufWriter, Write as _};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The manifest's name in the site.
pub const NAME: &str = ".lectern-manifest";
const HEADER: &str = "lectern-publish 2";

/// A file's identity and times as the file system tells them. Writing to a
/// file, renaming another over it or copying one in changes its change
/// time (which no program can set back) or its inode; so while the stamp
/// is the same, so is the content, with one exception: a write in the same
/// clock tick as the stamp was taken. A stamp is therefore only recorded
/// when the file's change time is at least [`SETTLED`] older than the run
/// that read it (as git does with its index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    ino: u64,
    modified: i128,
    changed: i128,
}

/// How long ago a document must have last changed for its stamp to be
/// trusted by the next run.
const SETTLED: Duration = Duration::from_secs(2);

impl Stamp {
    /// The stamp of a file, where the platform gives one.
    #[must_use]
    #[cfg_attr(unix, allow(clippy::unnecessary_wraps))]
    pub fn of(meta: &fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Some(Self {
                size: meta.size(),
                ino: meta.ino(),
                modified: ns(meta.mtime(), meta.mtime_nsec()),
                changed: ns(meta.ctime(), meta.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }

    /// This stamp, if the file last changed at least [`SETTLED`] before
    /// `run` (the time the run began), else none: the next run reads it.
    #[must_use]
    pub fn settled(self, run: SystemTime) -> Option<Self> {
        let run = run
            .checked_sub(SETTLED)?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        (self.changed < i128::try_from(run.as_nanos()).ok()?).then_some(self)
    }

    fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.');
        let mut next = || parts.next()?.parse::<i128>().ok();
        Some(Self {
            size: u64::try_from(next()?).ok()?,
            ino: u64::try_from(next()?).ok()?,
            modified: next()?,
            changed: next()?,
        })
    }
}

/// What the index keeps of one version: all that other pages and the
/// sitemap need of it, and what decides whether its page is rendered again.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The document's content hash.
    pub hash: u128,
    /// The key its page was last written with (none: not yet).
    pub key: Option<u128>,
    /// How the file system saw the document when it was hashed.
    pub stamp: Option<Stamp>,
    pub lang: Box<str>,
    /// The languages its translations list, separated by spaces.
    pub langs: Box<str>,
    /// The versions its related strip names (`SLUG/LANG`, URL paths, so
    /// without spaces), separated by spaces.
    pub related: Box<str>,
    /// `updated`, else `published`, as written (the sitemap's lastmod).
    pub lastmod: Box<str>,
}

impl Record {
    pub fn langs(&self) -> impl Iterator<Item = &str> {
        self.langs.split(' ').filter(|s| !s.is_empty())
    }

    pub fn related(&self) -> impl Iterator<Item = &str> {
        self.related.split(' ').filter(|s| !s.is_empty())
    }
}

/// The previous run's manifest.
#[derive(Default)]
pub struct Manifest {
    /// Each document's entry, by its path in the content folder.
    pub docs: HashMap<Box<str>, Record>,
    /// Every other file and its key. (A manifest of the first format
    /// listed every file here, pages included.)
    pub files: HashMap<Box<str>, u128>,
}

/// The manifest of the site at `site`; empty when there is none or it
/// cannot be read (then every page is rendered).
#[must_use]
pub fn read(site: Option<&Path>) -> Manifest {
    let mut manifest = Manifest::default();
    // Read a line at a time: the whole text would be as large again as
    // what is kept of it.
    let Some(file) = site.and_then(|s| fs::File::open(s.join(NAME)).ok()) else {
        return manifest;
    };
    let mut lines = BufReader::new(file).lines().map_while(Result::ok);
    let current = lines.next().as_deref() == Some(HEADER);
    let hex = |s: &str| u128::from_str_radix(s, 16).ok();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["doc", rel, hash, key, stamp, lang, lastmod, langs, related] if current => {
                if let Some(hash) = hex(hash) {
                    manifest.docs.insert(
                        (*rel).into(),
                        Record {
                            hash,
                            key: hex(key),
                            stamp: Stamp::parse(stamp),
                            lang: (*lang).into(),
                            langs: (*langs).into(),
                            related: (*related).into(),
                            lastmod: (*lastmod).into(),
                        },
                    );
                }
            }
            ["file" | "out", rel, hash] => {
                if let Some(hash) = hex(hash) {
                    manifest.files.insert((*rel).into(), hash);
                }
            }
            _ => {}
        }
    }
    manifest
}

/// Writes the manifest of a run to `path`: `docs` in the order given,
/// `files` sorted.
///
/// # Errors
/// When it cannot be written.
pub fn write<'a>(
    path: &Path,
    docs: impl Iterator<Item = (&'a str, &'a Record)>,
    files: &mut [(String, u128)],
) -> std::io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    writeln!(out, "{HEADER}")?;
    for (rel, r) in docs {
        write!(out, "doc\t{rel}\t{:032x}\t", r.hash)?;
        match r.key {
            Some(key) => write!(out, "{key:032x}\t")?,
            None => write!(out, "-\t")?,
        }
        match r.stamp {
            Some(s) => write!(out, "{}.{}.{}.{}\t", s.size, s.ino, s.modified, s.changed)?,
            None => write!(out, "-\t")?,
        }
        writeln!(out, "{}\t{}\t{}\t{}", r.lang, r.lastmod, r.langs, r.related)?;
    }
    files.sort();
    for (rel, hash) in files.iter() {
        writeln!(out, "file\t{rel}\t{hash:032x}")?;
    }
    out.flush()
}

/// Whether `text` can stand in a field of the manifest.
#[must_use]
pub fn fits(text: &str) -> bool {
    !text.contains(['\t', '\n', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = std::env::temp_dir().join(format!("lectern-manifest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let record = Record {
            hash: 0x1234,
            key: Some(u128::MAX),
            stamp: Some(Stamp {
                size: 9009,
                ino: 42,
                modified: 1_700_000_000_123_456_789,
                changed: -5,
            }),
            lang: "zh-Hans".into(),
            langs: "en zh-Hans zh-Hant".into(),
            related: "a/zh-Hans b%2Cc/zh-Hans".into(),
            lastmod: "2018-04-05T09:30:00Z".into(),
        };
        let unkeyed = Record {
            key: None,
            stamp: None,
            langs: "".into(),
            related: "".into(),
            ..record.clone()
        };
        let mut files = vec![
            ("sitemap.xml".to_owned(), 7),
            ("a/teaser.svg".to_owned(), 8),
        ];
        write(
            &dir.join(NAME),
            [("a/zh-Hans.json", &record), ("b/en.json", &unkeyed)].into_iter(),
            &mut files,
        )
        .unwrap();
        let read = read(Some(&dir));
        assert_eq!(read.docs.get("a/zh-Hans.json"), Some(&record));
        assert_eq!(read.docs.get("b/en.json"), Some(&unkeyed));
        assert_eq!(read.docs.len(), 2);
        assert_eq!(read.files.get("a/teaser.svg"), Some(&8));
        assert_eq!(read.files.get("sitemap.xml"), Some(&7));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_stamp_is_kept_only_once_the_file_has_settled() {
        let stamp = |changed_s: i128| Stamp {
            size: 1,
            ino: 1,
            modified: 0,
            changed: changed_s * 1_000_000_000,
        };
        let run = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert_eq!(stamp(990).settled(run), Some(stamp(990)));
        assert_eq!(
            stamp(999).settled(run),
            None,
            "changed a second before the run"
        );
        assert_eq!(stamp(1_001).settled(run), None, "changed during the run");
    }
}
