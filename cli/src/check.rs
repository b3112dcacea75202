//! `check`: every document valid by the contract, and the corpus consistent:
//! translations and related articles exist, translations share the article
//! id, and their blocks pair up (by id; an unpaired block is a warning).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use lectern::model::{self, pairing, Article, Resolver, SafeUrl, WhatwgUrl};
use url::Url;

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    /// One line per problem: `FILE: PATH: PROBLEM`.
    pub problems: Vec<String>,
    /// Legitimate but worth knowing (an editorial difference between
    /// versions): `FILE: PATH: NOTE`. They do not fail the check.
    pub warnings: Vec<String>,
}

impl Report {
    fn add(&mut self, file: &Path, path: &str, message: impl AsRef<str>) {
        self.problems
            .push(format!("{}: {path}: {}", file.display(), message.as_ref()));
    }

    fn warn(&mut self, file: &Path, path: &str, message: impl AsRef<str>) {
        self.warnings
            .push(format!("{}: {path}: {}", file.display(), message.as_ref()));
    }
}

/// Every `.json` file under `paths` (files as given, folders walked), sorted.
fn json_files(paths: &[PathBuf], report: &mut Report) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            match fs::read_dir(&path) {
                Ok(entries) => stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
                Err(e) => report.add(&path, "(folder)", format!("cannot read: {e}")),
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        } else if !path.exists() {
            report.add(&path, "(file)", "no such file or folder");
        }
    }
    files.sort();
    files
}

fn file_url(path: &Path) -> Option<Url> {
    let absolute = fs::canonicalize(path).ok()?;
    Url::from_file_path(absolute).ok()
}

/// The local file a document URL names, when it is a `file:` URL.
fn local_file(url: &SafeUrl) -> Option<PathBuf> {
    Url::parse(url.as_str()).ok()?.to_file_path().ok()
}

/// Checks the documents under `paths`.
#[must_use]
pub fn check_paths(paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    let files = json_files(paths, &mut report);
    // Valid documents by canonical path, for the cross-checks.
    let mut articles: BTreeMap<PathBuf, (PathBuf, Article)> = BTreeMap::new();
    for file in &files {
        report.documents += 1;
        let bytes = match fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                report.add(file, "(file)", format!("cannot read: {e}"));
                continue;
            }
        };
        let base = file_url(file);
        let urls = Resolver::new(&WhatwgUrl, base.as_ref().map(Url::as_str));
        match model::parse_article(&bytes, &urls) {
            Ok(article) => {
                if !article.skipped_blocks.is_empty() {
                    let mut note = String::new();
                    let _ = write!(
                        note,
                        "unknown block types the widget skips: {}",
                        article.skipped_blocks.join(", ")
                    );
                    report.add(file, "body", note);
                }
                let key = fs::canonicalize(file).unwrap_or_else(|_| file.clone());
                articles.insert(key, (file.clone(), article));
            }
            Err(model::ContentError::Invalid(problems)) => {
                for p in problems {
                    report.add(file, &p.path, &p.message);
                }
            }
            Err(other) => report.add(file, "(document)", other.to_string()),
        }
    }
    for (file, article) in articles.values() {
        cross_check(file, article, &articles, &mut report);
    }
    report
}

type Corpus = BTreeMap<PathBuf, (PathBuf, Article)>;

/// Finds the document a URL names: `Ok(None)` for a remote URL (not checked
/// here), `Err` with the problem when a local one is missing or invalid.
fn target<'a>(url: &SafeUrl, corpus: &'a Corpus) -> Result<Option<&'a Article>, String> {
    let Some(path) = local_file(url) else {
        return Ok(None);
    };
    let key = fs::canonicalize(&path).map_err(|_| format!("no such file {}", path.display()))?;
    corpus.get(&key).map(|(_, a)| Some(a)).ok_or_else(|| {
        format!(
            "{} is not a valid article (see its own problems)",
            path.display()
        )
    })
}

/// How the blocks of two versions pair up, as the widget pairs them for
/// 对照 ([`pairing::pair`]: by block id; by position for documents without
/// ids). A block without a partner is an editorial difference, a warning
/// that names it; what cannot be paired sensibly is an error: one id on
/// blocks of different types, or shared ids in a different order.
fn check_pairing(file: &Path, path: &str, article: &Article, other: &Article, report: &mut Report) {
    let rows = pairing::pair(&article.body, &other.body);
    let by_id =
        article.body.iter().any(|b| b.id.is_some()) && other.body.iter().any(|b| b.id.is_some());
    if !by_id {
        if article.body.len() != other.body.len() {
            report.warn(
                file,
                path,
                format!(
                    "paired by position (blocks without ids): {} blocks here, {} in the {} version; the last ones have no partner",
                    article.body.len(),
                    other.body.len(),
                    other.lang
                ),
            );
        }
        return;
    }
    let kind = |a: &Article, i: usize| a.body.get(i).map(|b| std::mem::discriminant(&b.kind));
    // The last pair: its position in the other version, and its id.
    let mut last: Option<(usize, String)> = None;
    for row in rows {
        match row {
            pairing::Row::Both(here, there) => {
                let id = article
                    .body
                    .get(here)
                    .and_then(|b| b.id.as_ref())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if kind(article, here) != kind(other, there) {
                    report.add(
                        file,
                        path,
                        format!(
                            "body[{here}] ({id}) is not the same type of block as body[{there}] of the {} version",
                            other.lang
                        ),
                    );
                }
                last = Some((there, id));
            }
            pairing::Row::First(here) => {
                let id = article.body.get(here).and_then(|b| b.id.as_ref());
                let there =
                    id.and_then(|id| other.body.iter().position(|b| b.id.as_ref() == Some(id)));
                match (id, there, &last) {
                    (Some(id), Some(there), Some((before, previous))) => report.add(
                        file,
                        path,
                        format!(
                            "blocks in a different order than in the {} version: {previous} comes before {id} here, after it there (body[{before}] and body[{there}])",
                            other.lang
                        ),
                    ),
                    (Some(id), _, _) => report.warn(
                        file,
                        path,
                        format!(
                            "body[{here}] ({id}) has no partner in the {} version; it is shown alone",
                            other.lang
                        ),
                    ),
                    (None, _, _) => report.warn(
                        file,
                        path,
                        format!(
                            "body[{here}] has no id, so no partner in the {} version; it is shown alone",
                            other.lang
                        ),
                    ),
                }
            }
            // Reported from the other version's side.
            pairing::Row::Second(_) => {}
        }
    }
}

/// What `check` says of how two versions pair, for that pair alone (the
/// fuzz target's entry).
#[must_use]
pub fn pairing_report(article: &Article, other: &Article) -> Report {
    let mut report = Report::default();
    check_pairing(
        Path::new("version"),
        "translations",
        article,
        other,
        &mut report,
    );
    report
}

/// The translations as `en, zh-Hans, zh-Hant (from zh-Hans)`, for comparing versions.
fn translation_list(article: &Article) -> String {
    article
        .translations
        .iter()
        .map(|t| match &t.converted_from {
            Some(from) => format!("{} (from {from})", t.lang),
            None => t.lang.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn cross_check(file: &Path, article: &Article, corpus: &Corpus, report: &mut Report) {
    let langs: Vec<&str> = article
        .translations
        .iter()
        .map(|t| t.lang.as_str())
        .collect();
    if !article.translations.is_empty() && !langs.contains(&article.lang.as_str()) {
        report.add(
            file,
            "translations",
            format!(
                "does not list this document's own language, {}",
                article.lang
            ),
        );
    }
    for (i, translation) in article.translations.iter().enumerate() {
        let path = format!("translations[{i}]");
        if let Some(from) = &translation.converted_from {
            if !langs.contains(&from.as_str()) {
                report.add(
                    file,
                    &format!("{path}.converted_from"),
                    format!("{from} is not one of the translations"),
                );
            }
        }
        let Some(href) = &translation.href else {
            report.add(file, &format!("{path}.href"), "is not an allowed URL");
            continue;
        };
        let other = match target(href, corpus) {
            Ok(Some(other)) => other,
            Ok(None) => continue,
            Err(problem) => {
                report.add(file, &format!("{path}.href"), problem);
                continue;
            }
        };
        if other.id != article.id {
            report.add(
                file,
                &format!("{path}.href"),
                format!("names article \"{}\", not \"{}\"", other.id, article.id),
            );
        }
        if other.lang != translation.lang {
            report.add(
                file,
                &format!("{path}.lang"),
                format!(
                    "says {}, but the document there is {}",
                    translation.lang, other.lang
                ),
            );
        }
        check_pairing(file, &format!("{path}.href"), article, other, report);
        let (mine, theirs) = (translation_list(article), translation_list(other));
        if mine != theirs {
            report.add(
                file,
                &format!("{path}.href"),
                format!(
                    "lists translations {}, the {} version lists {}",
                    mine, other.lang, theirs
                ),
            );
        }
    }
    check_related(file, article, corpus, report);
}

/// Related articles that name local documents: they exist, in this language.
fn check_related(file: &Path, article: &Article, corpus: &Corpus, report: &mut Report) {
    for (i, related) in article.related.iter().enumerate() {
        let Some(href) = &related.article else {
            continue;
        };
        match target(href, corpus) {
            Ok(Some(other)) if other.lang != article.lang => report.add(
                file,
                &format!("related[{i}].article"),
                format!("is in {}, this document is in {}", other.lang, article.lang),
            ),
            Ok(_) => {}
            Err(problem) => report.add(file, &format!("related[{i}].article"), problem),
        }
    }
}
