//! Writing the tools' output files.

use std::fs;
use std::path::Path;

/// Writes `bytes` to `path`, creating its folder; the error names the path.
///
/// # Errors
/// A message for the terminal.
pub fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Replaces the file at `path` with `bytes` whole: written beside it under
/// a temporary name, then renamed over it, so that a failure (a full disk,
/// a killed process) leaves the old file as it was, never half of each.
///
/// # Errors
/// A message for the terminal; the file is untouched then.
pub fn replace_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{}: not a file", path.display()))?;
    let mut temporary = name.to_owned();
    temporary.push(format!(".lectern-{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary);
    let written = fs::File::create(&temporary).and_then(|mut file| {
        std::io::Write::write_all(&mut file, bytes.as_ref())?;
        // The author's file keeps its permissions.
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temporary, path)) {
        let _ = fs::remove_file(&temporary);
        return Err(format!("{}: {e}", path.display()));
    }
    Ok(())
}
