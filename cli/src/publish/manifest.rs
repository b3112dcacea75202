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
//! file REL  HASH  STAMP
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
    /// Nanoseconds since 1970 (an `i64` reaches 2262).
    modified: i64,
    changed: i64,
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
            let ns = |s: i64, n: i64| s.checked_mul(1_000_000_000)?.checked_add(n);
            Some(Self {
                size: meta.size(),
                ino: meta.ino(),
                modified: ns(meta.mtime(), meta.mtime_nsec())?,
                changed: ns(meta.ctime(), meta.ctime_nsec())?,
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
        (i128::from(self.changed) < i128::try_from(run.as_nanos()).ok()?).then_some(self)
    }

    fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.');
        let mut next = || parts.next()?.parse::<i64>().ok();
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
/// About 100 bytes and one allocation: an archive holds hundreds of
/// thousands.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The document's content hash.
    pub hash: u128,
    /// The key its page was last written with (0: not yet).
    pub key: u128,
    /// How the file system saw the document when it was hashed.
    pub stamp: Option<Stamp>,
    /// Its language, `updated` else `published` as written (the sitemap's
    /// lastmod), the languages its translations list (separated by spaces)
    /// and the versions its related strip names (`SLUG/LANG`, URL paths, so
    /// without spaces), separated by tabs (no field holds one: [`fits`]).
    text: Box<str>,
}

impl Record {
    #[must_use]
    pub fn new(
        hash: u128,
        lang: &str,
        lastmod: &str,
        langs: &[String],
        related: &[String],
    ) -> Self {
        Self {
            hash,
            key: 0,
            stamp: None,
            text: format!(
                "{lang}\t{lastmod}\t{}\t{}",
                langs.join(" "),
                related.join(" ")
            )
            .into(),
        }
    }

    fn field(&self, n: usize) -> &str {
        self.text.split('\t').nth(n).unwrap_or_default()
    }

    #[must_use]
    pub fn lang(&self) -> &str {
        self.field(0)
    }

    #[must_use]
    pub fn lastmod(&self) -> &str {
        self.field(1)
    }

    pub fn langs(&self) -> impl Iterator<Item = &str> {
        self.field(2).split(' ').filter(|s| !s.is_empty())
    }

    pub fn related(&self) -> impl Iterator<Item = &str> {
        self.field(3).split(' ').filter(|s| !s.is_empty())
    }
}

/// The previous run's manifest.
#[derive(Default)]
pub struct Manifest {
    /// Each document's entry, by its path in the content folder, sorted by
    /// it (a list, half the memory of a hash map); taken as they are found.
    docs: Vec<(Box<str>, Option<Record>)>,
    /// Every other file, its key and (for an article's own files) the
    /// stamp of its source. (A manifest of the first format listed every
    /// file here, pages included.)
    pub files: HashMap<Box<str>, (u128, Option<Stamp>)>,
}

impl Manifest {
    fn at(&self, rel: &str) -> Option<usize> {
        self.docs.binary_search_by(|(r, _)| (**r).cmp(rel)).ok()
    }

    /// The entry of the document at `rel`, if it is still here.
    #[must_use]
    pub fn doc(&self, rel: &str) -> Option<&Record> {
        self.docs.get(self.at(rel)?)?.1.as_ref()
    }

    /// Takes the entry of the document at `rel`.
    pub fn take(&mut self, rel: &str) -> Option<Record> {
        let at = self.at(rel)?;
        self.docs.get_mut(at)?.1.take()
    }

    /// Takes the entries no one took (the documents that are gone).
    pub fn rest(&mut self) -> Vec<(Box<str>, Record)> {
        std::mem::take(&mut self.docs)
            .into_iter()
            .filter_map(|(rel, r)| Some((rel, r?)))
            .collect()
    }
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
                    manifest.docs.push((
                        (*rel).into(),
                        Some(Record {
                            hash,
                            key: hex(key).unwrap_or_default(),
                            stamp: Stamp::parse(stamp),
                            text: format!("{lang}\t{lastmod}\t{langs}\t{related}").into(),
                        }),
                    ));
                }
            }
            ["file" | "out", rel, hash, stamp @ ..] => {
                if let Some(hash) = hex(hash) {
                    let stamp = stamp.first().and_then(|s| Stamp::parse(s));
                    manifest.files.insert((*rel).into(), (hash, stamp));
                }
            }
            _ => {}
        }
    }
    manifest.docs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    manifest.docs.dedup_by(|a, b| a.0 == b.0);
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
    files: &mut [(String, u128, Option<Stamp>)],
) -> std::io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    writeln!(out, "{HEADER}")?;
    for (rel, r) in docs {
        write!(out, "doc\t{rel}\t{:032x}\t", r.hash)?;
        if r.key == 0 {
            write!(out, "-\t")?;
        } else {
            write!(out, "{:032x}\t", r.key)?;
        }
        write_stamp(&mut out, r.stamp)?;
        writeln!(out, "\t{}", r.text)?;
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    for (rel, hash, stamp) in files.iter() {
        write!(out, "file\t{rel}\t{hash:032x}\t")?;
        write_stamp(&mut out, *stamp)?;
        writeln!(out)?;
    }
    out.flush()
}

fn write_stamp(out: &mut impl std::io::Write, stamp: Option<Stamp>) -> std::io::Result<()> {
    match stamp {
        Some(s) => write!(out, "{}.{}.{}.{}", s.size, s.ino, s.modified, s.changed),
        None => write!(out, "-"),
    }
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
        let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let record = Record {
            key: u128::MAX,
            stamp: Some(Stamp {
                size: 9009,
                ino: 42,
                modified: 1_700_000_000_123_456_789,
                changed: -5,
            }),
            ..Record::new(
                0x1234,
                "zh-Hans",
                "2018-04-05T09:30:00Z",
                &s(&["en", "zh-Hans", "zh-Hant"]),
                &s(&["a/zh-Hans", "b%2Cc/zh-Hans"]),
            )
        };
        assert_eq!(record.lang(), "zh-Hans");
        assert_eq!(record.lastmod(), "2018-04-05T09:30:00Z");
        assert_eq!(
            record.langs().collect::<Vec<_>>(),
            ["en", "zh-Hans", "zh-Hant"]
        );
        assert_eq!(
            record.related().collect::<Vec<_>>(),
            ["a/zh-Hans", "b%2Cc/zh-Hans"]
        );
        let unkeyed = Record::new(0x1234, "en", "2018-04-04", &[], &[]);
        assert_eq!(unkeyed.langs().count() + unkeyed.related().count(), 0);
        let teaser = record.stamp;
        let mut files = vec![
            ("sitemap.xml".to_owned(), 7, None),
            ("a/teaser.svg".to_owned(), 8, teaser),
        ];
        write(
            &dir.join(NAME),
            [("a/zh-Hans.json", &record), ("b/en.json", &unkeyed)].into_iter(),
            &mut files,
        )
        .unwrap();
        let mut read = read(Some(&dir));
        assert_eq!(read.doc("a/zh-Hans.json"), Some(&record));
        assert_eq!(read.take("b/en.json"), Some(unkeyed));
        assert_eq!(read.doc("b/en.json"), None, "taken");
        assert_eq!(read.rest(), [("a/zh-Hans.json".into(), record)]);
        assert_eq!(read.files.get("a/teaser.svg"), Some(&(8, teaser)));
        assert_eq!(read.files.get("sitemap.xml"), Some(&(7, None)));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_stamp_is_kept_only_once_the_file_has_settled() {
        let stamp = |changed_s: i64| Stamp {
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
