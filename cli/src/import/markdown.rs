//! The Markdown walk: pulldown-cmark's events for the body, read into the
//! content format's blocks (with where each starts and where its id would
//! be written), and inline Markdown for the front matter's bios. What the
//! format cannot hold is one error at its place; what it holds is skipped.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use super::ids::{id_line, valid_id, IdPlace};
use super::{Errors, ImportError};

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
pub(super) fn inline_markdown(text: &str) -> Result<Value, String> {
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
    /// An id-only paragraph's id, for the next block, and where it is.
    pending_id: Option<(String, usize)>,
}

impl Reader<'_> {
    fn block(
        &mut self,
        offset: usize,
        place: IdPlace,
        mut block: Map<String, Value>,
        id: Option<String>,
    ) {
        let id = match (id, self.pending_id.take()) {
            (Some(own), Some((named, at))) => {
                self.errors.at(
                    at,
                    format!("{{#{named}}} names the next block, which has its own id {{#{own}}}: keep one"),
                );
                Some(own)
            }
            (own, named) => own.or(named.map(|(id, _)| id)),
        };
        if let Some(id) = id {
            block.insert("id".into(), id.into());
        }
        self.blocks.push((offset, place, block));
    }

    /// An id-only paragraph at `at`: its id names the next block.
    fn name_next(&mut self, id: String, at: usize) {
        if let Some((earlier, earlier_at)) = self.pending_id.replace((id, at)) {
            self.errors.at(
                earlier_at,
                format!("{{#{earlier}}} names no block: another id line follows it"),
            );
        }
    }

    /// The blocks and the problems found, once the body has been read.
    fn finish(mut self) -> (Vec<BodyBlock>, Vec<ImportError>) {
        if let Some((id, at)) = self.pending_id.take() {
            self.errors
                .at(at, format!("{{#{id}}} names no block: nothing follows it"));
        }
        (self.blocks, self.errors.list)
    }
}

/// A block read from the body: where it starts, where its id would go, and
/// its fields.
pub(super) type BodyBlock = (usize, IdPlace, Map<String, Value>);

/// Reads the Markdown body into blocks.
// One loop over pulldown-cmark's events, a case per event: split up, the
// state it shares (the open block, the marks, the pending id) would have
// to travel between the parts.
#[allow(clippy::too_many_lines)]
pub(super) fn body(
    source: &str,
    body: &str,
    body_start: usize,
) -> (Vec<BodyBlock>, Vec<ImportError>) {
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
                    // A line ends at LF, CR or CRLF (`lines` knows only
                    // the first and last).
                    .and_then(|t| t.split(['\n', '\r']).next())
                    .unwrap_or("");
                // Id lines name top-level blocks only: inside a quote or a
                // list, `{#…}` is text.
                paragraph_id = None;
                if matches!(open, Open::None) {
                    paragraph_id = id_line(first_line).map(str::to_owned);
                    open = Open::Paragraph;
                    block_start = at;
                }
                skip_to_break = paragraph_id.is_some();
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
                            if let Some(id) = paragraph_id.take() {
                                reader.name_next(id, block_start);
                            }
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
    reader.finish()
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
