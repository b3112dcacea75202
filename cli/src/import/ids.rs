//! Block ids in the Markdown: how they are read (an `{#ID}` line) and how
//! `--write-ids` writes the ones it assigns, so that the file reads back
//! as the same document with nothing left to assign.
//!
//! An id written where `CommonMark` could read it as part of the text would
//! change the text on the next import (a `{#p2}` line right after a
//! paragraph continues that paragraph). So an id for a block other than a
//! paragraph or an ATX heading goes in a paragraph of its own, with a
//! blank line on each side; a paragraph's id goes on the line above it,
//! which starts the paragraph, unless that line would turn the paragraph
//! into something else (a setext heading, a table); a heading's goes at
//! the end of its line. [`with_ids`] writes them; the importer reads the
//! result back before the file is written and refuses to write on any
//! difference (see `super::write_ids`).

use lectern::model::BlockId;

/// Where an assigned id goes in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdPlace {
    /// `{#ID}` on its own line above a paragraph.
    LineAbove,
    /// `{#ID}` as a paragraph of its own above another block.
    ParagraphAbove,
    /// ` {#ID}` at the end of a heading's line.
    HeadingEnd,
}

/// How ids are written: as each block's [`IdPlace`] says, or every one as a
/// paragraph of its own (which any block takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    AsPlaced,
    Separate,
}

/// An id as the content format allows it.
pub(super) fn valid_id(id: &str) -> bool {
    BlockId::parse(id).is_some()
}

/// `{#ID}` alone on a line: the id.
pub(super) fn id_line(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("{#")?
        .strip_suffix('}')
        .filter(|id| valid_id(id))
}

/// A line ending: `CommonMark` ends lines at LF, CR and CRLF alike.
fn is_eol(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// The ending of the line just before byte `start`, if a line ends there.
fn ending_before(text: &str, start: usize) -> Option<&'static str> {
    let before = text.get(..start)?;
    if before.ends_with("\r\n") {
        Some("\r\n")
    } else if before.ends_with('\n') {
        Some("\n")
    } else if before.ends_with('\r') {
        Some("\r")
    } else {
        None
    }
}

/// The line ending the file uses (its first one's kind).
fn newline(source: &str) -> &'static str {
    match source.find(is_eol).map(|i| source.get(i..i + 2)) {
        Some(Some("\r\n")) => "\r\n",
        Some(Some(end)) if end.starts_with('\r') => "\r",
        Some(None) if source.ends_with('\r') => "\r",
        _ => "\n",
    }
}

/// Where the line holding byte `offset` starts.
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|s| s.rfind(is_eol))
        .map_or(0, |i| i + 1)
}

/// The line that starts at `start`, without its line ending.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or("");
    rest.split(is_eol).next().unwrap_or("")
}

/// Whether the line before the one starting at `start` has text on it.
fn follows_text(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let Some(before) = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix('\n'))
        .or_else(|| before.strip_suffix('\r'))
    else {
        return false;
    };
    let line = before.rsplit(is_eol).next().unwrap_or(before);
    // Blank as `CommonMark` means it: spaces and tabs only (a form feed,
    // say, is text, which the id would continue).
    !line.chars().all(|c| c == ' ' || c == '\t')
}

/// Whether an `{#ID}` line directly above `line` would not start a
/// paragraph of the two: `line` would underline it as a setext heading
/// (`===`, `--`), or be the delimiter row of a table with it as header.
fn would_change(line: &str) -> bool {
    let t = line.trim();
    let all = |c: char| !t.is_empty() && t.chars().all(|x| x == c);
    let delimiter_row =
        t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    all('=') || all('-') || delimiter_row
}

/// `source` with each `(offset of the block, place, id)` written in.
#[must_use]
pub fn with_ids(source: &str, assigned: &[(usize, IdPlace, String)], style: Style) -> String {
    let file_nl = newline(source);
    let mut out = source.to_owned();
    let mut edits: Vec<&(usize, IdPlace, String)> = assigned.iter().collect();
    // From the end, so that earlier offsets stay where they are.
    edits.sort_by_key(|(offset, _, _)| std::cmp::Reverse(*offset));
    for (offset, place, id) in edits {
        let line_start = line_start(&out, *offset);
        let line = line_at(&out, line_start);
        // What is written takes the ending of the line before it, which
        // in a file of mixed endings may not be the file's: the parser
        // reads a line's end the same way on both sides of the id (after
        // a bare CR, an LF would make the two one CRLF ending, and a
        // fence's info string is read up to the next LF).
        let nl = ending_before(&out, line_start).unwrap_or(file_nl);
        let place = match (style, place) {
            (Style::Separate, _) => IdPlace::ParagraphAbove,
            (_, IdPlace::LineAbove) if would_change(line) => IdPlace::ParagraphAbove,
            // A setext heading's text may span lines: its id goes above.
            (_, IdPlace::HeadingEnd) if !line.trim_start().starts_with('#') => {
                IdPlace::ParagraphAbove
            }
            (_, place) => *place,
        };
        match place {
            IdPlace::LineAbove => out.insert_str(line_start, &format!("{{#{id}}}{nl}")),
            IdPlace::ParagraphAbove => {
                let blank = if follows_text(&out, line_start) {
                    nl
                } else {
                    ""
                };
                out.insert_str(line_start, &format!("{blank}{{#{id}}}{nl}{nl}"));
            }
            IdPlace::HeadingEnd => {
                let end = line_start + line.trim_end().len();
                out.insert_str(end, &format!(" {{#{id}}}"));
            }
        }
    }
    out
}
