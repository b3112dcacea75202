//! Publishing is all or nothing. A run writes its files into a staging
//! folder beside `OUT_DIR` (`.NAME.lectern-PID`) and puts them in place
//! only once all of them are written and every document is valid: a
//! failure on the way (a bad document, a full disk, Ctrl-C, a killed
//! process) leaves the previous site untouched and complete.
//!
//! - A first run (no `OUT_DIR` yet) renames the staging folder into place.
//! - A later run stages only the files that change: the commit writes a
//!   journal (what to move in, what to remove), then moves each file in
//!   with a rename (every file is whole at every moment) and removes what
//!   the site loses; the journal goes last. A run killed during that short
//!   step is finished by the next run before anything else (roll forward),
//!   so the site never stays half of each.
//!
//! A finished run leaves what it produced (and any file publish never made).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What a commit does to the site: files to move in from the staging
/// folder, files to remove (paths relative to the site).
#[derive(Debug, Default)]
pub struct Changes {
    pub written: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

/// The journal's name in the staging folder.
const JOURNAL: &str = ".lectern-journal";

/// A run's staging folder beside `OUT_DIR`; made when the first file is
/// staged, removed when dropped without [`Staging::commit`].
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

/// The prefix of a staging folder's name, beside `OUT_DIR` (`.NAME.lectern-…`).
fn prefix(out: &Path) -> Option<String> {
    Some(format!(".{}.lectern-", out.file_name()?.to_str()?))
}

/// `path` made absolute and free of `..` (as far as it exists).
fn resolved(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| {
        let absolute = std::env::current_dir().map_or_else(|_| path.to_owned(), |d| d.join(path));
        match (absolute.parent(), absolute.file_name()) {
            (Some(parent), Some(name)) => resolved(parent).join(name),
            _ => absolute,
        }
    })
}

impl Staging {
    /// A staging folder for `out`, the site of the content folder `content`.
    /// Refuses an `out` that is `content`, contains it or is inside it (a
    /// publish must never write into the articles it reads). Finishes the
    /// commit of a run killed while committing, and removes the staging
    /// folders of runs killed before.
    ///
    /// # Errors
    /// A message for the terminal.
    pub fn new(out: &Path, content: &Path) -> Result<Self, String> {
        let (out_abs, content_abs) = (resolved(out), resolved(content));
        if content_abs.starts_with(&out_abs) {
            return Err(format!(
                "{}: OUT_DIR is, or contains, the content folder {}: choose another",
                out.display(),
                content.display()
            ));
        }
        if out_abs.starts_with(&content_abs) {
            return Err(format!(
                "{}: OUT_DIR is inside the content folder {}: choose another",
                out.display(),
                content.display()
            ));
        }
        let prefix =
            prefix(&out_abs).ok_or_else(|| format!("{}: not a folder name", out.display()))?;
        let parent = out_abs
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        if let Ok(entries) = fs::read_dir(&parent) {
            let mut stale: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| {
                    e.file_name()
                        .to_str()
                        .is_some_and(|n| n.starts_with(&prefix))
                })
                .map(|e| e.path())
                .collect();
            stale.sort();
            for dir in stale {
                if let Ok(text) = fs::read_to_string(dir.join(JOURNAL)) {
                    apply(&dir, &out_abs, &text)?;
                }
                let _ = fs::remove_dir_all(&dir);
            }
        }
        Ok(Self {
            tmp: parent.join(format!("{prefix}{}", std::process::id())),
            out: out_abs,
            committed: false,
        })
    }

    /// The staging folder, made on first use.
    ///
    /// # Errors
    /// When it cannot be made.
    pub fn dir(&self) -> Result<&Path, String> {
        if !self.tmp.is_dir() {
            if let Some(parent) = self.tmp.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::create_dir_all(&self.tmp).map_err(|e| format!("{}: {e}", self.tmp.display()))?;
        }
        Ok(&self.tmp)
    }

    /// The site as it is now (the one being updated), if there is one.
    #[must_use]
    pub fn previous(&self) -> Option<&Path> {
        self.out.is_dir().then_some(self.out.as_path())
    }

    /// Puts the staged files in place and removes what the site loses.
    ///
    /// # Errors
    /// A message for the terminal; before the journal is written, the old
    /// site is untouched.
    pub fn commit(mut self, changes: &Changes) -> Result<(), String> {
        self.committed = true;
        if changes.written.is_empty() && changes.removed.is_empty() {
            let _ = fs::remove_dir_all(&self.tmp);
            return Ok(());
        }
        if !self.out.exists() {
            let tmp = self.dir()?.to_path_buf();
            return fs::rename(&tmp, &self.out).map_err(|e| format!("{}: {e}", self.out.display()));
        }
        let mut journal = String::new();
        for path in &changes.written {
            journal.push_str("move\t");
            journal.push_str(&path.to_string_lossy());
            journal.push('\n');
        }
        for path in &changes.removed {
            journal.push_str("remove\t");
            journal.push_str(&path.to_string_lossy());
            journal.push('\n');
        }
        let tmp = self.dir()?.to_path_buf();
        let file = tmp.join(JOURNAL);
        let written = fs::File::create(&file).and_then(|mut f| {
            f.write_all(journal.as_bytes())?;
            f.sync_all()
        });
        written.map_err(|e| format!("{}: {e}", file.display()))?;
        apply(&tmp, &self.out, &journal)?;
        fs::remove_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Carries out a journal: moves the staged files of `tmp` into `out`,
/// removes the files it names (and the folders they leave empty). Safe to
/// run again after an interruption: what is done is skipped.
fn apply(tmp: &Path, out: &Path, journal: &str) -> Result<(), String> {
    let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    for line in journal.lines() {
        match line.split_once('\t') {
            Some(("move", rel)) => {
                let (from, to) = (tmp.join(rel), out.join(rel));
                if !from.exists() {
                    continue;
                }
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
                }
                fs::rename(&from, &to).map_err(|e| failed(&to, e))?;
            }
            Some(("remove", rel)) => {
                let path = out.join(rel);
                if fs::remove_file(&path).is_ok() {
                    // Folders the removal left empty go too.
                    let mut dir = path.parent();
                    while let Some(d) = dir.filter(|d| *d != out) {
                        if fs::remove_dir(d).is_err() {
                            break;
                        }
                        dir = d.parent();
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// A scratch folder with `content/` and a site `site/` holding `a`.
    fn scratch(name: &str) -> (PathBuf, PathBuf, PathBuf) {
        let root = std::env::temp_dir().join(format!("lectern-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let (content, out) = (root.join("content"), root.join("site"));
        fs::create_dir_all(&content).unwrap();
        write(&out.join("a/en/index.html"), "old a");
        (root, content, out)
    }

    /// A run killed in the middle of its commit (one file moved in, one
    /// not yet, one removal not yet made) is finished by the next run
    /// before anything else: the site ends as that run meant it, whole.
    #[test]
    fn a_commit_killed_halfway_is_finished_by_the_next_run() {
        let (root, content, out) = scratch("roll");
        write(&out.join("b/en/index.html"), "moved in before the kill");
        write(&out.join("gone/en/index.html"), "removed by the run");
        write(&out.join("kept.txt"), "untouched");
        let staging = root.join(".site.lectern-4242");
        write(&staging.join("a/en/index.html"), "new a");
        write(
            &staging.join(JOURNAL),
            "move\ta/en/index.html\nmove\tb/en/index.html\nremove\tgone/en/index.html\n",
        );

        let next = Staging::new(&out, &content).unwrap();

        assert_eq!(
            fs::read_to_string(out.join("a/en/index.html")).unwrap(),
            "new a"
        );
        assert_eq!(
            fs::read_to_string(out.join("b/en/index.html")).unwrap(),
            "moved in before the kill"
        );
        assert!(
            !out.join("gone").exists(),
            "the removal is made, its folder too"
        );
        assert_eq!(
            fs::read_to_string(out.join("kept.txt")).unwrap(),
            "untouched"
        );
        assert!(!staging.exists(), "the killed run's staging folder is gone");
        drop(next);
        let _ = fs::remove_dir_all(&root);
    }

    /// A run killed before its commit leaves its staging folder without a
    /// journal: the next run removes it and the site stays as it was.
    #[test]
    fn a_run_killed_before_its_commit_leaves_the_site_as_it_was() {
        let (root, content, out) = scratch("kill");
        let staging = root.join(".site.lectern-4243");
        write(&staging.join("a/en/index.html"), "half-written new a");

        let next = Staging::new(&out, &content).unwrap();

        assert_eq!(
            fs::read_to_string(out.join("a/en/index.html")).unwrap(),
            "old a"
        );
        assert!(!staging.exists());
        drop(next);
        let _ = fs::remove_dir_all(&root);
    }
}
