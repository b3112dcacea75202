//! `import`: an article in Markdown with YAML front matter (the way Hugo,
//! Jekyll, Astro and Eleventy sites keep them) to a `lectern.article/1`
//! document.
//!
//! - **Front matter** (YAML, between `---` lines): `id`, `lang`, `title`,
//!   `published` required; `dek`, `updated`, `url`, `category` (a name, or
//!   `name` and `href`), `authors` (`name`, `role`, `bio` in Markdown inline
//!   syntax, `avatar` with `src` and `alt`, `href`), `translations` and
//!   `related` as the content format writes them. Any other key is an error
//!   (a typo must not vanish).
//! - **Body** (`CommonMark`, pulldown-cmark): paragraphs; headings `##` to
//!   `####` (the title is `#`, from the front matter); quotes (a last
//!   paragraph starting with `— ` is the citation); lists, ordered or not,
//!   one level; an image alone in its paragraph is an image block, its title
//!   the caption (`![alt](src "caption")`); `***` is a rule; emphasis,
//!   strong, code spans and links inside text.
//! - **Refused**, with `FILE:LINE:COLUMN`: raw HTML, tables, footnotes, code
//!   blocks, strikethrough, task lists, hard line breaks, nested lists,
//!   images inside text, heading levels 1, 5 and 6. Nothing is dropped
//!   silently.
//! - **Block ids**: a line `{#ID}` directly above a paragraph names it; a
//!   paragraph that is only `{#ID}` names the block after it (any block:
//!   quotes, lists, images, rules); headings take pulldown-cmark's own
//!   `## Title {#ID}`. Blocks without an id get none, unless `--write-ids`
//!   assigns each the next free `pN` and writes it into the Markdown file, so
//!   that the next import (after an edit above it, say) keeps it. The file
//!   is written only when it reads back as the same document with nothing
//!   left to assign ([`write_ids`]), and replaced whole (never half written).
//!
//! Three parts: [`front_matter`], the Markdown walk ([`markdown`]) and the
//! id writer ([`ids`]).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::files::{replace_file, write_file};

use lectern::model::{check_value, Resolver, WhatwgUrl};
use serde_json::{Map, Value};

mod front_matter;
pub mod ids;
mod markdown;

pub use ids::{with_ids, IdPlace, Style};

/// One problem, at a place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// An imported article: its document, and the ids assigned to blocks that
/// had none (byte offset of the block in the source, how to write it, id).
#[derive(Debug)]
pub struct Imported {
    pub document: Value,
    pub assigned: Vec<(usize, IdPlace, String)>,
    /// Blocks left without an id (no `--write-ids`).
    pub without_id: usize,
}

/// Line and column (1-based, columns in characters) of byte `offset`.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The problems found so far, placed by byte offset in `source`.
struct Errors<'a> {
    source: &'a str,
    list: Vec<ImportError>,
}

impl Errors<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = position(self.source, offset);
        self.list.push(ImportError {
            line,
            column,
            message: message.into(),
        });
    }
}

/// Reads one Markdown article.
///
/// Front matter, then body, then ids, in one pass over each.
/// # Errors
/// Every problem found, with its line and column.
pub fn import(source: &str, write_ids: bool) -> Result<Imported, Vec<ImportError>> {
    let mut errors = Errors {
        source,
        list: Vec::new(),
    };
    let Some((front, front_start, markdown, body_start)) = front_matter::split(source) else {
        errors.at(
            0,
            "no front matter: the file starts with a `---` line, the YAML, and another `---` line",
        );
        return Err(errors.list);
    };
    let Some((mut doc, related)) = front_matter::read(source, front, front_start, &mut errors)
    else {
        return Err(errors.list);
    };
    let (blocks, body_errors) = markdown::body(source, markdown, body_start);
    errors.list.extend(body_errors);
    // Ids: unique, and assigned where asked.
    let mut used: Vec<String> = blocks
        .iter()
        .filter_map(|(_, _, b)| b.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect();
    for (offset, _, block) in &blocks {
        if let Some(id) = block.get("id").and_then(Value::as_str) {
            if used.iter().filter(|u| *u == id).count() > 1 {
                errors.at(*offset, format!("block id {id} is used twice"));
            }
        }
    }
    let mut assigned = Vec::new();
    let mut without_id = 0;
    let mut next = 1_usize;
    let mut out_blocks = Vec::new();
    let block_offsets: Vec<usize> = blocks.iter().map(|(offset, _, _)| *offset).collect();
    for (offset, place, mut block) in blocks {
        if !block.contains_key("id") {
            if write_ids {
                while used.contains(&format!("p{next}")) {
                    next += 1;
                }
                let id = format!("p{next}");
                used.push(id.clone());
                assigned.push((offset, place, id.clone()));
                block.insert("id".into(), id.into());
            } else {
                without_id += 1;
            }
        }
        // The content format's key order: type, id, then the rest.
        let mut ordered = Map::new();
        for key in ["type", "id"] {
            if let Some(v) = block.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        ordered.extend(block);
        out_blocks.push(Value::Object(ordered));
    }
    doc.insert("body".into(), Value::Array(out_blocks));
    if let Some(related) = related {
        doc.insert("related".into(), related);
    }
    let doc = Value::Object(doc);
    // The document the format would refuse is refused here, at its place in
    // the Markdown: a front matter key's line, or the block's.
    if errors.list.is_empty() {
        let urls = Resolver::new(&WhatwgUrl, Some("https://lectern.invalid/article/doc.json"));
        if let Err(problems) = check_value(&doc, &urls) {
            for problem in problems {
                let offset = problem
                    .path
                    .strip_prefix("body[")
                    .and_then(|rest| rest.split(']').next()?.parse::<usize>().ok())
                    .and_then(|i| block_offsets.get(i).copied())
                    .unwrap_or_else(|| {
                        let key = problem.path.split(['.', '[']).next().unwrap_or_default();
                        front_matter::key_offset(front, front_start, key)
                    });
                errors.at(offset, format!("{}: {}", problem.path, problem.message));
            }
        }
    }
    if errors.list.is_empty() {
        Ok(Imported {
            document: doc,
            assigned,
            without_id,
        })
    } else {
        errors.list.sort_by_key(|e| (e.line, e.column));
        Err(errors.list)
    }
}

/// `source` with the ids `imported` assigned written in, checked: it must
/// import to the same document with nothing left to assign. Ids go where
/// each block takes them; where that reads back differently, each in a
/// paragraph of its own.
///
/// # Errors
/// When neither way reads back the same (the file must not be written).
pub fn write_ids(source: &str, imported: &Imported) -> Result<String, String> {
    for style in [Style::AsPlaced, Style::Separate] {
        let written = with_ids(source, &imported.assigned, style);
        if let Ok(again) = import(&written, false) {
            if again.document == imported.document && again.without_id == 0 {
                return Ok(written);
            }
        }
    }
    Err(
        "the block ids cannot be written without changing how the file reads; \
         nothing was written (add them by hand: a line {#ID} above each block)"
            .to_owned(),
    )
}

/// Runs `import FILE [-o OUT] [--write-ids]`; returns what to print.
///
/// # Errors
/// A message for the terminal: every problem as `FILE:LINE:COLUMN: message`.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut input = None;
    let mut output = None;
    let mut assign = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "-o" => output = Some(PathBuf::from(iter.next().ok_or("-o takes a file")?)),
            "--write-ids" => assign = true,
            other if input.is_none() => input = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let input = input.ok_or("import takes a Markdown file")?;
    let source = fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let imported = import(&source, assign).map_err(|errors| report(&input, &errors))?;
    let mut notes = String::new();
    if !imported.assigned.is_empty() {
        let written =
            write_ids(&source, &imported).map_err(|e| format!("{}: {e}", input.display()))?;
        replace_file(&input, &written)?;
        let _ = writeln!(
            notes,
            "{}: wrote {} new block id(s)",
            input.display(),
            imported.assigned.len()
        );
    }
    if imported.without_id > 0 {
        let _ = writeln!(
            notes,
            "warning: {}: {} block(s) have no id; --write-ids assigns stable ones",
            input.display(),
            imported.without_id
        );
    }
    let mut json = serde_json::to_string_pretty(&imported.document).map_err(|e| e.to_string())?;
    json.push('\n');
    if let Some(path) = output {
        write_file(&path, &json)?;
        let _ = writeln!(notes, "wrote {}", path.display());
        Ok(notes)
    } else {
        eprint!("{notes}");
        Ok(json)
    }
}

/// `FILE:LINE:COLUMN: message`, one per line.
#[must_use]
pub fn report(file: &Path, errors: &[ImportError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}:{}:{}: {}", file.display(), e.line, e.column, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}
