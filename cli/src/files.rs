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
