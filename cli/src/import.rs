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
//!   that the next import (after an edit above it, say) keeps it.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::files::write_file;

use lectern::model::{check_value, BlockId, Resolver, WhatwgUrl, FORMAT};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{json, Map, Value};
use yaml_rust2::{Yaml, YamlLoader};

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

/// Where an assigned id goes in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdPlace {
    /// `{#ID}` on its own line above a paragraph.
    LineAbove,
    /// `{#ID}` and a blank line above another block.
    ParagraphAbove,
    /// ` {#ID}` at the end of a heading's line.
    HeadingEnd,
}

const ALLOWED_KEYS: [&str; 12] = [
    "id",
    "lang",
    "title",
    "dek",
    "published",
    "updated",
    "url",
    "category",
    "authors",
    "translations",
    "related",
    "format",
];

/// Line and column (1-based, columns in characters) of byte `offset`.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

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

/// An id as the content format allows it.
fn valid_id(id: &str) -> bool {
    BlockId::parse(id).is_some()
}

/// `{#ID}` alone on a line: the id.
fn id_line(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("{#")?
        .strip_suffix('}')
        .filter(|id| valid_id(id))
}

/// Splits `---` front matter from the body; returns both, with their byte
/// offsets.
fn split_front_matter(source: &str) -> Option<(&str, usize, &str, usize)> {
    let rest = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))?;
    let start = source.len() - rest.len();
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = source.get(start..offset)?;
            let body_start = offset + line.len();
            return Some((front, start, source.get(body_start..)?, body_start));
        }
        offset += line.len();
    }
    None
}

/// YAML to JSON: strings, numbers, booleans, null, lists and maps with
/// string keys.
fn yaml_to_json(yaml: &Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Integer(i) => json!(i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("{r} is not a number JSON can hold"))?,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Null => Value::Null,
        Yaml::Array(items) => {
            Value::Array(items.iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Hash(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let Yaml::String(key) = k else {
                    return Err(format!("a key must be a string, found {k:?}"));
                };
                out.insert(key.clone(), yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Yaml::Alias(_) => return Err("aliases are not supported".to_owned()),
        Yaml::BadValue => return Err("a value YAML could not read".to_owned()),
    })
}

/// The byte offset of the top-level key `key:` in the front matter, for messages.
fn key_offset(front: &str, front_start: usize, key: &str) -> usize {
    let mut offset = front_start;
    for line in front.split_inclusive('\n') {
        if line.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            return offset;
        }
        offset += line.len();
    }
    front_start
}

/// One run of text with its marks, as the content format writes a span.
#[derive(Default, Clone, PartialEq)]
struct Marks {
    em: bool,
    strong: bool,
    code: bool,
    href: Option<String>,
}

impl Marks {
    /// Follows emphasis, strong and links opening and closing; false for
    /// any other event.
    fn apply(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::Emphasis) => self.em = true,
            Event::End(TagEnd::Emphasis) => self.em = false,
            Event::Start(Tag::Strong) => self.strong = true,
            Event::End(TagEnd::Strong) => self.strong = false,
            Event::Start(Tag::Link { dest_url, .. }) => self.href = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => self.href = None,
            _ => return false,
        }
        true
    }
}

/// Inline content being collected.
#[derive(Default)]
struct Inline {
    spans: Vec<(String, Marks)>,
}

impl Inline {
    fn push(&mut self, text: &str, marks: &Marks) {
        if text.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some((last, m)) if m == marks => last.push_str(text),
            _ => self.spans.push((text.to_owned(), marks.clone())),
        }
    }

    fn is_empty(&self) -> bool {
        self.spans.iter().all(|(t, _)| t.trim().is_empty())
    }

    /// The content format's inline content: a string when it is one plain
    /// run, else a list of strings and spans.
    fn into_value(mut self) -> Value {
        if let Some((first, _)) = self.spans.first_mut() {
            *first = first.trim_start().to_owned();
        }
        if let Some((last, _)) = self.spans.last_mut() {
            *last = last.trim_end().to_owned();
        }
        self.spans.retain(|(t, _)| !t.is_empty());
        if let [(text, marks)] = self.spans.as_slice() {
            if *marks == Marks::default() {
                return Value::String(text.clone());
            }
        }
        Value::Array(
            self.spans
                .into_iter()
                .map(|(text, m)| {
                    if m == Marks::default() {
                        return Value::String(text);
                    }
                    let mut span = Map::new();
                    span.insert("text".into(), text.into());
                    for (on, key) in [(m.em, "em"), (m.strong, "strong"), (m.code, "code")] {
                        if on {
                            span.insert(key.into(), true.into());
                        }
                    }
                    if let Some(href) = m.href {
                        span.insert("href".into(), href.into());
                    }
                    Value::Object(span)
                })
                .collect(),
        )
    }
}

/// A Han, kana or full-width character: soft line breaks between two of
/// them are not spaces.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Parses inline Markdown (a bio in the front matter) to inline content.
fn inline_markdown(text: &str) -> Result<Value, String> {
    let mut inline = Inline::default();
    let mut marks = Marks::default();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            ref e if marks.apply(e) => {}
            Event::Text(t) => inline.push(&t, &marks),
            Event::Code(t) => {
                let code = Marks {
                    code: true,
                    ..marks.clone()
                };
                inline.push(&t, &code);
            }
            Event::SoftBreak => inline.push(" ", &marks),
            other => return Err(format!("cannot hold {}", describe(&other))),
        }
    }
    Ok(inline.into_value())
}

/// How an event the format cannot hold is named in messages.
fn describe(event: &Event<'_>) -> String {
    match event {
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
            "raw HTML (the content format holds text only)".into()
        }
        Event::Start(Tag::Table(_)) => "a table (the content format has no tables)".into(),
        Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => {
            "a footnote (the content format has no footnotes)".into()
        }
        Event::Start(Tag::CodeBlock(_)) => "a code block (use `code` inside a paragraph)".into(),
        Event::Start(Tag::Strikethrough) => "strikethrough".into(),
        Event::TaskListMarker(_) => "a task list".into(),
        Event::HardBreak => "a hard line break (a paragraph is one run of text)".into(),
        Event::Start(Tag::Image { .. }) => {
            "an image inside text (an image is a paragraph of its own)".into()
        }
        Event::Start(Tag::List(_)) => "a list inside a list".into(),
        Event::Start(Tag::BlockQuote(_)) => "a quote inside a block".into(),
        Event::Start(Tag::Heading { .. }) => "a heading inside a block".into(),
        other => format!("{other:?}"),
    }
}

/// The block being read.
enum Open {
    None,
    Paragraph,
    Heading(u8, Option<String>),
    Quote(Vec<Inline>),
    List(bool, Vec<Inline>),
}

struct Reader<'a> {
    errors: Errors<'a>,
    blocks: Vec<BodyBlock>,
    pending_id: Option<String>,
}

impl Reader<'_> {
    fn block(
        &mut self,
        offset: usize,
        place: IdPlace,
        mut block: Map<String, Value>,
        id: Option<String>,
    ) {
        if let Some(id) = id.or_else(|| self.pending_id.take()) {
            block.insert("id".into(), id.into());
        }
        self.blocks.push((offset, place, block));
    }
}

/// A block read from the body: where it starts, where its id would go, and
/// its fields.
type BodyBlock = (usize, IdPlace, Map<String, Value>);

/// Reads the Markdown body into blocks.
// One loop over pulldown-cmark's events, a case per event: split up, the
// state it shares (the open block, the marks, the pending id) would have
// to travel between the parts.
#[allow(clippy::too_many_lines)]
fn body(source: &str, body: &str, body_start: usize) -> (Vec<BodyBlock>, Vec<ImportError>) {
    let options = Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut reader = Reader {
        errors: Errors {
            source,
            list: Vec::new(),
        },
        blocks: Vec::new(),
        pending_id: None,
    };
    let mut open = Open::None;
    let mut inline = Inline::default();
    let mut marks = Marks::default();
    let mut block_start = 0;
    // An image alone in a paragraph: (src, alt, caption).
    let mut image: Option<(String, Inline, String)> = None;
    let mut in_image = false;
    // The paragraph's own id line, skipped up to the soft break after it.
    let mut skip_to_break = false;
    let mut paragraph_id: Option<String> = None;
    // Inside something refused (a table, a footnote, a code block): one
    // error for it, nothing for what it holds.
    let mut refused_depth = 0_u32;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let at = body_start + range.start;
        if refused_depth > 0 {
            match event {
                Event::Start(_) => refused_depth += 1,
                Event::End(_) => refused_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                let first_line = body
                    .get(range.clone())
                    .and_then(|t| t.lines().next())
                    .unwrap_or("");
                paragraph_id = id_line(first_line).map(str::to_owned);
                skip_to_break = paragraph_id.is_some();
                if matches!(open, Open::None) {
                    open = Open::Paragraph;
                    block_start = at;
                }
                inline = Inline::default();
            }
            Event::End(TagEnd::Paragraph) => {
                let content = std::mem::take(&mut inline);
                match &mut open {
                    Open::Paragraph => {
                        open = Open::None;
                        if let Some((src, alt, caption)) = image.take() {
                            if !content.is_empty() {
                                reader.errors.at(block_start, "an image shares its paragraph with text: put it in a paragraph of its own");
                            }
                            let mut block = Map::new();
                            block.insert("type".into(), "image".into());
                            block.insert("src".into(), src.into());
                            block.insert("alt".into(), alt.into_value_plain().into());
                            if !caption.is_empty() {
                                block.insert("caption".into(), caption.into());
                            }
                            reader.block(
                                block_start,
                                IdPlace::LineAbove,
                                block,
                                paragraph_id.take(),
                            );
                        } else if skip_to_break {
                            // Only an id line: it names the next block.
                            reader.pending_id = paragraph_id.take();
                        } else if !content.is_empty() {
                            let mut block = Map::new();
                            block.insert("type".into(), "paragraph".into());
                            block.insert("text".into(), content.into_value());
                            reader.block(
                                block_start,
                                IdPlace::LineAbove,
                                block,
                                paragraph_id.take(),
                            );
                        }
                        skip_to_break = false;
                    }
                    Open::Quote(paragraphs) => paragraphs.push(content),
                    // A loose list item's text is in a paragraph.
                    Open::List(_, items) => items.push(content),
                    _ => {}
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) if matches!(open, Open::None) => {
                let level = match level {
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    other => {
                        reader.errors.at(at, format!("a level {} heading: the title is the front matter's, use ## to ####", other as u8));
                        2
                    }
                };
                let id = id.map(|i| i.to_string());
                if let Some(bad) = id.as_deref().filter(|i| !valid_id(i)) {
                    reader.errors.at(
                        at,
                        format!(
                            "{{#{bad}}} is not a block id (letters, digits, _ and -, at most 64)"
                        ),
                    );
                }
                open = Open::Heading(level, id);
                block_start = at;
                inline = Inline::default();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Open::Heading(level, id) = std::mem::replace(&mut open, Open::None) {
                    let mut block = Map::new();
                    block.insert("type".into(), "heading".into());
                    block.insert("level".into(), level.into());
                    block.insert("text".into(), std::mem::take(&mut inline).into_value());
                    reader.block(block_start, IdPlace::HeadingEnd, block, id);
                }
            }
            Event::Start(Tag::BlockQuote(_)) if matches!(open, Open::None) => {
                open = Open::Quote(Vec::new());
                block_start = at;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if let Open::Quote(mut paragraphs) = std::mem::replace(&mut open, Open::None) {
                    let mut block = Map::new();
                    block.insert("type".into(), "quote".into());
                    let cite = match paragraphs.last() {
                        Some(last) if paragraphs.len() > 1 => {
                            last.plain().strip_prefix("— ").map(str::to_owned)
                        }
                        _ => None,
                    };
                    if cite.is_some() {
                        paragraphs.pop();
                    }
                    if paragraphs.len() != 1 {
                        reader.errors.at(
                            block_start,
                            "a quote holds one paragraph (and a last `— Source` line)",
                        );
                    }
                    if let Some(text) = paragraphs.into_iter().next() {
                        block.insert("text".into(), text.into_value());
                    }
                    if let Some(cite) = cite {
                        block.insert("cite".into(), cite.into());
                    }
                    reader.block(block_start, IdPlace::ParagraphAbove, block, None);
                }
            }
            Event::Start(Tag::List(first)) if matches!(open, Open::None) => {
                open = Open::List(first.is_some(), Vec::new());
                block_start = at;
            }
            Event::End(TagEnd::List(_)) => {
                if let Open::List(ordered, items) = std::mem::replace(&mut open, Open::None) {
                    let mut block = Map::new();
                    block.insert("type".into(), "list".into());
                    block.insert("ordered".into(), ordered.into());
                    block.insert(
                        "items".into(),
                        Value::Array(items.into_iter().map(Inline::into_value).collect()),
                    );
                    reader.block(block_start, IdPlace::ParagraphAbove, block, None);
                }
            }
            Event::Start(Tag::Item) => inline = Inline::default(),
            Event::End(TagEnd::Item) => {
                // A tight list item's text is not in a paragraph.
                if !inline.is_empty() {
                    if let Open::List(_, items) = &mut open {
                        items.push(std::mem::take(&mut inline));
                    }
                }
            }
            Event::Rule if matches!(open, Open::None) => {
                let mut block = Map::new();
                block.insert("type".into(), "rule".into());
                reader.block(at, IdPlace::ParagraphAbove, block, None);
            }
            ref e if marks.apply(e) => {}
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if matches!(open, Open::Paragraph) && inline.is_empty() && image.is_none() => {
                image = Some((dest_url.to_string(), Inline::default(), title.to_string()));
                in_image = true;
            }
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(text) if in_image => {
                if let Some((_, alt, _)) = &mut image {
                    alt.push(&text, &Marks::default());
                }
            }
            Event::Text(text) => {
                if !skip_to_break {
                    inline.push(&text, &marks);
                }
            }
            Event::Code(text) => {
                let code = Marks {
                    code: true,
                    ..marks.clone()
                };
                inline.push(&text, &code);
            }
            Event::SoftBreak => {
                if skip_to_break {
                    skip_to_break = false;
                } else {
                    let before = inline.spans.last().and_then(|(t, _)| t.chars().last());
                    let after = body
                        .get(range.end..)
                        .and_then(|t| t.trim_start().chars().next());
                    let cjk = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
                    if !cjk {
                        inline.push(" ", &marks);
                    }
                }
            }
            other => {
                reader
                    .errors
                    .at(at, format!("cannot hold {}", describe(&other)));
                if matches!(other, Event::Start(_)) {
                    refused_depth = 1;
                }
            }
        }
    }
    (reader.blocks, reader.errors.list)
}

impl Inline {
    /// The text without marks.
    fn plain(&self) -> String {
        self.spans.iter().map(|(t, _)| t.as_str()).collect()
    }

    fn into_value_plain(self) -> String {
        self.plain().trim().to_owned()
    }
}

/// Reads one Markdown article.
///
/// Front matter, then body, then ids, in one pass over each.
/// # Errors
/// Every problem found, with its line and column.
#[allow(clippy::too_many_lines)]
pub fn import(source: &str, write_ids: bool) -> Result<Imported, Vec<ImportError>> {
    let mut errors = Errors {
        source,
        list: Vec::new(),
    };
    let Some((front, front_start, markdown, body_start)) = split_front_matter(source) else {
        errors.at(
            0,
            "no front matter: the file starts with a `---` line, the YAML, and another `---` line",
        );
        return Err(errors.list);
    };
    let yaml = match YamlLoader::load_from_str(front) {
        Ok(docs) => docs.into_iter().next().unwrap_or(Yaml::Null),
        Err(e) => {
            let (line, _) = position(source, front_start);
            return Err(vec![ImportError {
                line: line + e.marker().line().saturating_sub(1),
                column: e.marker().col() + 1,
                message: format!("front matter: {}", e.info()),
            }]);
        }
    };
    let meta = match yaml_to_json(&yaml) {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => Map::new(),
        Ok(_) => {
            errors.at(front_start, "front matter: expected keys and values");
            return Err(errors.list);
        }
        Err(e) => {
            errors.at(front_start, format!("front matter: {e}"));
            return Err(errors.list);
        }
    };
    for key in meta.keys() {
        if !ALLOWED_KEYS.contains(&key.as_str()) {
            errors.at(
                key_offset(front, front_start, key),
                format!(
                    "front matter: unknown key `{key}` (known: {})",
                    ALLOWED_KEYS.join(", ")
                ),
            );
        }
    }
    for key in ["id", "lang", "title", "published"] {
        if meta
            .get(key)
            .is_none_or(|v| v.as_str().is_none_or(|s| s.trim().is_empty()))
        {
            let what = if meta.contains_key(key) {
                "must be a non-empty string"
            } else {
                "is missing"
            };
            errors.at(
                key_offset(front, front_start, key),
                format!("front matter: `{key}` {what}"),
            );
        }
    }
    let mut doc = Map::new();
    // The format this tool writes, unless the front matter names another
    // (which the check below then refuses by name).
    doc.insert(
        "format".into(),
        meta.get("format").cloned().unwrap_or_else(|| FORMAT.into()),
    );
    for key in ["id", "lang", "translations", "url"] {
        if let Some(v) = meta.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    match meta.get("category") {
        Some(Value::String(name)) => {
            doc.insert("category".into(), json!({ "name": name }));
        }
        Some(other) => {
            doc.insert("category".into(), other.clone());
        }
        None => {}
    }
    for key in ["title", "dek", "published", "updated"] {
        if let Some(v) = meta.get(key) {
            doc.insert(key.into(), v.clone());
        }
    }
    let mut authors = meta.get("authors").cloned().unwrap_or_else(|| json!([]));
    if let Some(list) = authors.as_array_mut() {
        for author in list.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(Value::String(bio)) = author.get("bio").cloned() {
                match inline_markdown(&bio) {
                    Ok(value) => {
                        author.insert("bio".into(), value);
                    }
                    Err(e) => errors.at(
                        key_offset(front, front_start, "authors"),
                        format!("front matter: authors: bio: {e}"),
                    ),
                }
            }
        }
    }
    doc.insert("authors".into(), authors);
    let (blocks, body_errors) = body(source, markdown, body_start);
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
    if let Some(related) = meta.get("related") {
        doc.insert("related".into(), related.clone());
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
                        key_offset(front, front_start, key)
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

/// The Markdown with the assigned ids written in.
#[must_use]
pub fn with_ids(source: &str, assigned: &[(usize, IdPlace, String)]) -> String {
    let mut out = source.to_owned();
    let mut edits: Vec<&(usize, IdPlace, String)> = assigned.iter().collect();
    edits.sort_by_key(|(offset, _, _)| std::cmp::Reverse(*offset));
    for (offset, place, id) in edits {
        let line_start = out
            .get(..*offset)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1);
        match place {
            IdPlace::LineAbove => out.insert_str(line_start, &format!("{{#{id}}}\n")),
            IdPlace::ParagraphAbove => out.insert_str(line_start, &format!("{{#{id}}}\n\n")),
            IdPlace::HeadingEnd => {
                let line_end = out
                    .get(*offset..)
                    .and_then(|s| s.find('\n'))
                    .map_or(out.len(), |i| offset + i);
                let trimmed = out.get(..line_end).map_or(line_end, |s| s.trim_end().len());
                out.insert_str(trimmed, &format!(" {{#{id}}}"));
            }
        }
    }
    out
}

/// Runs `import FILE [-o OUT] [--write-ids]`; returns what to print.
///
/// # Errors
/// A message for the terminal: every problem as `FILE:LINE:COLUMN: message`.
pub fn run(args: &[String]) -> Result<String, String> {
    let mut input = None;
    let mut output = None;
    let mut write_ids = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "-o" => output = Some(PathBuf::from(iter.next().ok_or("-o takes a file")?)),
            "--write-ids" => write_ids = true,
            other if input.is_none() => input = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    let input = input.ok_or("import takes a Markdown file")?;
    let source = fs::read_to_string(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let imported = import(&source, write_ids).map_err(|errors| report(&input, &errors))?;
    let mut notes = String::new();
    if !imported.assigned.is_empty() {
        fs::write(&input, with_ids(&source, &imported.assigned))
            .map_err(|e| format!("{}: {e}", input.display()))?;
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
