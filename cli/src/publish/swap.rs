//! Publishing is all or nothing: the site is written into a folder beside
//! `OUT_DIR` and swapped in only once everything is written. A failure on
//! the way (a bad document, a full disk, Ctrl-C, a killed process) leaves
//! the previous site untouched and complete; a finished run leaves exactly
//! what it produced (the pages of removed articles go with the old site).
//!
//! On Linux the swap is one atomic exchange of the two folders
//! (`renameat2(RENAME_EXCHANGE)`): readers of the site see the old one or
//! the new one, never neither. Elsewhere (or on a file system without the
//! exchange) the old folder is renamed away first, then the new one in.

use std::fs;
use std::path::{Path, PathBuf};

/// A site being written beside `OUT_DIR`; dropped without [`Staging::commit`],
/// it is removed and `OUT_DIR` is as it was.
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
    /// A new staging folder for `out`, the site of the content folder
    /// `content`. Refuses an `out` that is `content`, contains it or is
    /// inside it (a publish must never write into the articles it reads),
    /// and removes the staging folders that runs killed before their end
    /// left behind.
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
        fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        if let Ok(entries) = fs::read_dir(&parent) {
            for entry in entries.flatten() {
                if entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(&prefix))
                {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
        let tmp = parent.join(format!("{prefix}{}", std::process::id()));
        fs::create_dir(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        Ok(Self {
            out: out_abs,
            tmp,
            committed: false,
        })
    }

    /// Where the new site is written.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The site as it is now (the one being replaced), if there is one.
    #[must_use]
    pub fn previous(&self) -> Option<&Path> {
        self.out.is_dir().then_some(self.out.as_path())
    }

    /// Puts the new site in place of the old one, which is then removed.
    ///
    /// # Errors
    /// A message for the terminal; the old site is then still in place.
    pub fn commit(mut self) -> Result<(), String> {
        let failed = |e: std::io::Error| format!("{}: {e}", self.out.display());
        if !self.out.exists() {
            fs::rename(&self.tmp, &self.out).map_err(failed)?;
        } else if exchange(&self.tmp, &self.out).is_ok() {
            // The old site is where the new one was.
            let _ = fs::remove_dir_all(&self.tmp);
        } else {
            let old = self.tmp.with_extension("old");
            fs::rename(&self.out, &old).map_err(failed)?;
            if let Err(e) = fs::rename(&self.tmp, &self.out) {
                let _ = fs::rename(&old, &self.out);
                return Err(failed(e));
            }
            let _ = fs::remove_dir_all(&old);
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Exchanges two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange here"))
}
