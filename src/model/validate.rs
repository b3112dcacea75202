//! The checker: walks a parsed JSON value, collects every problem with its
//! path, and builds the checked [`Article`]. It never panics, whatever the
//! input.

use std::marker::PhantomData;

use super::date::is_date_or_date_time;
use super::json::{Json, JsonValue};
use super::links::{Resolver, SafeUrl, UrlUse};
#[cfg(not(target_arch = "wasm32"))]
use super::ContentError;
use super::{
    Article, ArticleId, Author, Block, BlockId, BlockKind, Category, ImageRef, Inline, LangTag,
    Problem, Related, Span, Timestamp, Translation, FORMAT,
};

/// Parses and checks a document. `urls` resolves its URLs against the
/// document's own URL and applies the scheme allow-list.
///
/// # Errors
/// [`ContentError::TooLarge`] over [`MAX_DOCUMENT_BYTES`], checked before
/// parsing; [`ContentError::NotJson`]; [`ContentError::Invalid`] with every
/// problem found.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_article(bytes: &[u8], urls: &Resolver<'_>) -> Result<Article, ContentError> {
    super::check_size(bytes.len())?;
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ContentError::NotJson(e.to_string()))?;
    check_value(&value, urls).map_err(ContentError::Invalid)
}

/// Checks an already parsed document.
///
/// # Errors
/// Every problem found, in document order (never an empty list).
pub fn check_value<V: JsonValue>(value: V, urls: &Resolver<'_>) -> Result<Article, Vec<Problem>> {
    let mut checker = Checker {
        urls,
        problems: Vec::new(),
        json: PhantomData,
    };
    let article = checker.article(value);
    match article {
        Some(article) if checker.problems.is_empty() => Ok(article),
        _ => {
            if checker.problems.is_empty() {
                checker.problem("(document)", "is not a valid article".to_owned());
            }
            Err(checker.problems)
        }
    }
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A problem was found and recorded in [`Checker::problems`].
struct Reported;

struct Checker<'a, V> {
    urls: &'a Resolver<'a>,
    problems: Vec<Problem>,
    json: PhantomData<V>,
}

/// One object being read: the value and its path.
struct Obj<V> {
    value: V,
    path: String,
}

impl<V: JsonValue> Obj<V> {
    fn get(&self, key: &str) -> Option<V> {
        self.value.field(key)
    }
}

impl<V: JsonValue> Checker<'_, V> {
    fn problem(&mut self, path: &str, message: String) {
        self.problems.push(Problem {
            path: path.to_owned(),
            message,
        });
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Json<V>) {
        self.problem(path, format!("expected {expected}, found {}", found.kind()));
    }

    fn object(&mut self, value: &V, path: &str) -> Option<Obj<V>> {
        let read = value.read();
        if matches!(read, Json::Object) {
            Some(Obj {
                value: value.clone(),
                path: path.to_owned(),
            })
        } else {
            self.wrong_type(
                if path.is_empty() { "(document)" } else { path },
                "an object",
                &read,
            );
            None
        }
    }

    /// A field that must be present. Reports it missing otherwise.
    fn required(&mut self, obj: &Obj<V>, key: &str) -> Option<V> {
        let value = obj.get(key);
        if value.is_none() {
            self.problem(
                &child(&obj.path, key),
                "required field is missing".to_owned(),
            );
        }
        value
    }

    fn string(&mut self, value: &V, path: &str) -> Option<String> {
        match value.read() {
            Json::String(s) => Some(s),
            other => {
                self.wrong_type(path, "a string", &other);
                None
            }
        }
    }

    fn required_string(&mut self, obj: &Obj<V>, key: &str) -> Option<String> {
        let value = self.required(obj, key)?;
        self.string(&value, &child(&obj.path, key))
    }

    fn optional_string(&mut self, obj: &Obj<V>, key: &str) -> Option<String> {
        let value = obj.get(key)?;
        self.string(&value, &child(&obj.path, key))
    }

    fn optional_bool(&mut self, obj: &Obj<V>, key: &str) -> bool {
        let Some(value) = obj.get(key) else {
            return false;
        };
        match value.read() {
            Json::Bool(b) => b,
            other => {
                self.wrong_type(&child(&obj.path, key), "true or false", &other);
                false
            }
        }
    }

    fn array(&mut self, value: &V, path: &str) -> Option<Vec<V>> {
        match value.read() {
            Json::Array(items) => Some(items),
            other => {
                self.wrong_type(path, "an array", &other);
                None
            }
        }
    }

    fn lang_tag(&mut self, value: &V, path: &str) -> Option<LangTag> {
        let tag = self.string(value, path)?;
        let parsed = LangTag::parse(&tag);
        if parsed.is_none() {
            self.problem(path, format!("\"{tag}\" is not a BCP 47 language tag"));
        }
        parsed
    }

    fn timestamp(&mut self, value: &V, path: &str) -> Option<Timestamp> {
        let text = self.string(value, path)?;
        if is_date_or_date_time(&text) {
            Some(Timestamp {
                value: text,
                shown: None,
            })
        } else {
            self.problem(
                path,
                format!("\"{text}\" is not an RFC 3339 date (2018-04-04) or date-time (2018-04-05T09:30:00Z)"),
            );
            None
        }
    }

    fn url(&mut self, obj: &Obj<V>, key: &str, use_: UrlUse) -> Option<SafeUrl> {
        let href = self.optional_string(obj, key)?;
        self.urls.resolve(&href, use_)
    }

    fn required_url(
        &mut self,
        obj: &Obj<V>,
        key: &str,
        use_: UrlUse,
    ) -> Result<Option<SafeUrl>, Reported> {
        let href = self.required_string(obj, key).ok_or(Reported)?;
        Ok(self.urls.resolve(&href, use_))
    }

    fn article(&mut self, value: V) -> Option<Article> {
        let root = self.object(&value, "")?;
        let format = self.required_string(&root, "format");
        if let Some(format) = &format {
            if format != FORMAT {
                self.problem(
                    "format",
                    format!("expected \"{FORMAT}\", found \"{format}\": this widget reads only version 1"),
                );
                // Another version's fields mean other things: stop here.
                return None;
            }
        }
        let id = self.required_string(&root, "id").and_then(|id| {
            if id.is_empty() {
                self.problem("id", "must not be empty".to_owned());
                None
            } else {
                Some(ArticleId(id))
            }
        });
        let lang = self
            .required(&root, "lang")
            .and_then(|v| self.lang_tag(&v, "lang"));
        let translations = match root.get("translations") {
            None => Some(Vec::new()),
            Some(v) => self.list(&v, "translations", Self::translation),
        };
        let url = self.url(&root, "url", UrlUse::Link);
        let category = match root.get("category") {
            None => Some(None),
            Some(v) => self.category(&v, "category").map(Some),
        };
        let title = self.required_string(&root, "title");
        let dek = self.optional_string(&root, "dek");
        let published = self
            .required(&root, "published")
            .and_then(|v| self.timestamp(&v, "published"));
        let updated = root
            .get("updated")
            .and_then(|v| self.timestamp(&v, "updated"));
        let authors = self
            .required(&root, "authors")
            .and_then(|v| self.list(&v, "authors", Self::author));
        let body = self.required(&root, "body").and_then(|v| self.body(&v));
        let related = match root.get("related") {
            None => Some(Vec::new()),
            Some(v) => self.list(&v, "related", Self::related),
        };
        let (body, skipped_blocks) = body?;
        Some(Article {
            id: id?,
            lang: lang?,
            translations: translations?,
            url,
            category: category?,
            title: title?,
            dek,
            published: published?,
            updated,
            authors: authors?,
            body,
            related: related?,
            skipped_blocks,
        })
    }

    /// Checks every item of an array with `item`; `None` if any failed.
    fn list<T>(
        &mut self,
        value: &V,
        path: &str,
        item: fn(&mut Self, &V, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let values = self.array(value, path)?;
        let mut out = Vec::with_capacity(values.len());
        let mut ok = true;
        for (i, v) in values.iter().enumerate() {
            match item(self, v, &index(path, i)) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn translation(&mut self, value: &V, path: &str) -> Option<Translation> {
        let obj = self.object(value, path)?;
        let lang = self
            .required(&obj, "lang")
            .and_then(|v| self.lang_tag(&v, &child(path, "lang")));
        let label = self.required_string(&obj, "label");
        let href = self.required_url(&obj, "href", UrlUse::Document);
        let converted_from = match obj.get("converted_from") {
            None => Some(None),
            Some(v) => self.lang_tag(&v, &child(path, "converted_from")).map(Some),
        };
        Some(Translation {
            lang: lang?,
            label: label?,
            href: href.ok()?,
            converted_from: converted_from?,
        })
    }

    fn category(&mut self, value: &V, path: &str) -> Option<Category> {
        let obj = self.object(value, path)?;
        let name = self.required_string(&obj, "name");
        let href = self.url(&obj, "href", UrlUse::Link);
        Some(Category { name: name?, href })
    }

    fn author(&mut self, value: &V, path: &str) -> Option<Author> {
        let obj = self.object(value, path)?;
        let name = self.required_string(&obj, "name");
        let role = self.optional_string(&obj, "role");
        let bio = match obj.get("bio") {
            None => Some(None),
            Some(v) => self.inline(&v, &child(path, "bio")).map(Some),
        };
        let avatar = match obj.get("avatar") {
            None => Some(None),
            Some(v) => self.image_ref(&v, &child(path, "avatar")).map(Some),
        };
        let href = self.url(&obj, "href", UrlUse::Link);
        Some(Author {
            name: name?,
            role,
            bio: bio?,
            avatar: avatar?,
            href,
        })
    }

    fn image_ref(&mut self, value: &V, path: &str) -> Option<ImageRef> {
        let obj = self.object(value, path)?;
        self.image_fields(&obj)
    }

    fn image_fields(&mut self, obj: &Obj<V>) -> Option<ImageRef> {
        let src = self.required_url(obj, "src", UrlUse::Image);
        let alt = self.required_string(obj, "alt");
        Some(ImageRef {
            src: src.ok()?,
            alt: alt?,
        })
    }

    fn related(&mut self, value: &V, path: &str) -> Option<Related> {
        let obj = self.object(value, path)?;
        let title = self.required_string(&obj, "title");
        let href = self.required_url(&obj, "href", UrlUse::Link);
        let article = self.url(&obj, "article", UrlUse::Document);
        let category = self.optional_string(&obj, "category");
        let published = match obj.get("published") {
            None => Some(None),
            Some(v) => self.timestamp(&v, &child(path, "published")).map(Some),
        };
        let image = match obj.get("image") {
            None => Some(None),
            Some(v) => self.image_ref(&v, &child(path, "image")).map(Some),
        };
        let dek = self.optional_string(&obj, "dek");
        Some(Related {
            title: title?,
            href: href.ok()?,
            article,
            category,
            published: published?,
            image: image?,
            dek,
        })
    }

    /// Inline content: a string, or a list of strings and spans.
    fn inline(&mut self, value: &V, path: &str) -> Option<Inline> {
        match value.read() {
            Json::String(text) => Some(vec![Span {
                text,
                ..Span::default()
            }]),
            Json::Array(items) => {
                let mut spans = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match self.span(item, &index(path, i)) {
                        Some(span) => spans.push(span),
                        None => ok = false,
                    }
                }
                ok.then_some(spans)
            }
            other => {
                self.wrong_type(path, "a string or a list of spans", &other);
                None
            }
        }
    }

    fn span(&mut self, value: &V, path: &str) -> Option<Span> {
        match value.read() {
            Json::String(text) => Some(Span {
                text,
                ..Span::default()
            }),
            Json::Object => {
                let obj = self.object(value, path)?;
                let text = self.required_string(&obj, "text");
                let em = self.optional_bool(&obj, "em");
                let strong = self.optional_bool(&obj, "strong");
                let code = self.optional_bool(&obj, "code");
                let href = self.url(&obj, "href", UrlUse::Link);
                Some(Span {
                    text: text?,
                    em,
                    strong,
                    code,
                    href,
                })
            }
            other => {
                self.wrong_type(path, "a string or a span object", &other);
                None
            }
        }
    }

    fn body(&mut self, value: &V) -> Option<(Vec<Block>, Vec<String>)> {
        let values = self.array(value, "body")?;
        let mut blocks = Vec::with_capacity(values.len());
        let mut skipped = Vec::new();
        // Every id with its block's position, for the repeats (below).
        let mut ids: Vec<(String, usize)> = Vec::new();
        let mut ok = true;
        for (i, v) in values.iter().enumerate() {
            let path = index("body", i);
            let Some(obj) = self.object(v, &path) else {
                ok = false;
                continue;
            };
            let id = match obj.get("id").map(|id| id.read()) {
                None => Some(None),
                Some(Json::String(id)) => {
                    if let Some(parsed) = BlockId::parse(&id) {
                        ids.push((id, i));
                        Some(Some(parsed))
                    } else {
                        self.problem(
                            &child(&path, "id"),
                            format!("\"{id}\" is not 1 to 64 letters, digits, \"-\" or \"_\""),
                        );
                        None
                    }
                }
                Some(other) => {
                    self.wrong_type(&child(&path, "id"), "a string", &other);
                    None
                }
            };
            let Some(block_type) = self.required_string(&obj, "type") else {
                ok = false;
                continue;
            };
            let kind = match block_type.as_str() {
                "paragraph" => self.paragraph(&obj),
                "heading" => self.heading(&obj),
                "quote" => self.quote(&obj),
                "list" => self.list_block(&obj),
                "image" => self.image_block(&obj),
                "rule" => Some(BlockKind::Rule),
                _ => {
                    skipped.push(block_type);
                    continue;
                }
            };
            match (id, kind) {
                (Some(id), Some(kind)) => blocks.push(Block { id, kind }),
                _ => ok = false,
            }
        }
        // A block whose id an earlier block has: sorted by id, then by
        // position, each id's first block leads its run; named in the
        // order of the body. O(n log n) whatever the ids, in less wasm
        // than a hash set.
        ids.sort_unstable();
        let mut repeats: Vec<Option<&str>> = vec![None; values.len()];
        for pair in ids.windows(2) {
            if let [(earlier, _), (id, i)] = pair {
                if let Some(repeat) = repeats.get_mut(*i).filter(|_| earlier == id) {
                    *repeat = Some(id);
                }
            }
        }
        for (i, id) in repeats.iter().enumerate() {
            if let Some(id) = id {
                let path = child(&index("body", i), "id");
                self.problem(
                    &path,
                    format!("\"{id}\" is already the id of an earlier block"),
                );
                ok = false;
            }
        }
        ok.then_some((blocks, skipped))
    }

    fn required_inline(&mut self, obj: &Obj<V>, key: &str) -> Option<Inline> {
        let value = self.required(obj, key)?;
        self.inline(&value, &child(&obj.path, key))
    }

    fn paragraph(&mut self, obj: &Obj<V>) -> Option<BlockKind> {
        let text = self.required_inline(obj, "text")?;
        Some(BlockKind::Paragraph { text })
    }

    fn heading(&mut self, obj: &Obj<V>) -> Option<BlockKind> {
        let level = match self.required(obj, "level").map(|v| (v.read(), v)) {
            None => None,
            Some((Json::Number(Some(level @ 2..=4)), _)) => u8::try_from(level).ok(),
            Some((read, value)) => {
                let found = match read {
                    Json::Number(_) => value.number_text(),
                    other => other.kind().to_owned(),
                };
                self.problem(
                    &child(&obj.path, "level"),
                    format!("expected 2, 3 or 4, found {found}"),
                );
                None
            }
        };
        let text = self.required_inline(obj, "text");
        Some(BlockKind::Heading {
            level: level?,
            text: text?,
        })
    }

    fn quote(&mut self, obj: &Obj<V>) -> Option<BlockKind> {
        let text = self.required_inline(obj, "text");
        let cite = self.optional_string(obj, "cite");
        Some(BlockKind::Quote { text: text?, cite })
    }

    fn list_block(&mut self, obj: &Obj<V>) -> Option<BlockKind> {
        let ordered = self.optional_bool(obj, "ordered");
        let path = child(&obj.path, "items");
        let items = self
            .required(obj, "items")
            .and_then(|v| self.list(&v, &path, Self::inline))?;
        Some(BlockKind::List { ordered, items })
    }

    fn dimension(&mut self, obj: &Obj<V>, key: &str) -> Result<Option<u32>, Reported> {
        let Some(value) = obj.get(key) else {
            return Ok(None);
        };
        match value.read() {
            Json::Number(Some(n)) if n >= 1 => {
                if let Ok(v) = u32::try_from(n) {
                    Ok(Some(v))
                } else {
                    let text = value.number_text();
                    self.problem(&child(&obj.path, key), format!("{text} is too large"));
                    Err(Reported)
                }
            }
            other => {
                self.wrong_type(
                    &child(&obj.path, key),
                    "a whole number of pixels, 1 or more",
                    &other,
                );
                Err(Reported)
            }
        }
    }

    fn image_block(&mut self, obj: &Obj<V>) -> Option<BlockKind> {
        let image = self.image_fields(obj);
        let caption = match obj.get("caption") {
            None => Some(None),
            Some(v) => self.inline(&v, &child(&obj.path, "caption")).map(Some),
        };
        let credit = self.optional_string(obj, "credit");
        let width = self.dimension(obj, "width");
        let height = self.dimension(obj, "height");
        Some(BlockKind::Image {
            image: image?,
            caption: caption?,
            credit,
            width: width.ok()?,
            height: height.ok()?,
        })
    }
}

// Native only: they use the `url` crate's parser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
