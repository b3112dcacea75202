//! The widget's own words, from catalogs: one JSON file per UI language in
//! `i18n/` (`en.json`, `ar.json`, …; `qqq.json` says what each message is
//! for), none of them compiled into the wasm but English, the fallback of
//! every missing or broken message. The others reach the widget from the
//! page (a pre-render carries its catalog), or it fetches them beside the
//! document; a host may bring one for a language Lectern does not ship.
//!
//! A catalog is checked as a document is: fields of the wrong kind, over
//! [`MAX_MESSAGE`] characters, with control characters or with placeholders
//! that English does not have for the key are dropped (English shows
//! instead), and said in [`Catalog::problems`]. Plural messages are objects
//! keyed by CLDR's categories (`one`, `few`, `other`, …), chosen by the
//! browser's `Intl.PluralRules` (natively, by the same CLDR rules:
//! `intl_pluralrules`).

use std::cell::RefCell;
use std::rc::Rc;

use yew::AttrValue;

use crate::model::langtag::{direction, is_well_formed, Dir};
use crate::model::{Json, JsonValue};

macro_rules! keys {
    ($($key:ident = $name:literal,)*) => {
        /// Every message the widget shows that is not content.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key,)* }
        /// The messages' names in a catalog, in [`Key`]'s order.
        pub const KEYS: &[&str] = &[$($name,)*];
        impl Key {
            /// Every key, in order.
            pub const ALL: &[Key] = &[$(Key::$key,)*];
        }
    };
}

keys! {
    BackToTop = "back_to_top",
    YouMightAlsoLike = "you_might_also_like",
    AboutTheAuthor = "about_the_author",
    Loading = "loading",
    Retry = "retry",
    Language = "language",
    Published = "published",
    Updated = "updated",
    By = "by",
    Profile = "profile",
    ConvertedFrom = "converted_from",
    ReadingTime = "reading_time",
    ReadingTimeRange = "reading_time_range",
    NotFound = "not_found",
    ServerFailed = "server_failed",
    Refused = "refused",
    Blocked = "blocked",
    NetworkDown = "network_down",
    TimedOut = "timed_out",
    TooLarge = "too_large",
    NotAnArticle = "not_an_article",
    SavedCopy = "saved_copy",
    SideBySide = "side_by_side",
    LinkToParagraph = "link_to_paragraph",
    LinkCopied = "link_copied",
    Settings = "settings",
    TextSize = "text_size",
    SizeSmallest = "size_smallest",
    SizeSmall = "size_small",
    SizeMedium = "size_medium",
    SizeLarge = "size_large",
    SizeLargest = "size_largest",
    Typeface = "typeface",
    TypefaceSerif = "typeface_serif",
    TypefaceSans = "typeface_sans",
    Theme = "theme",
    ThemeAuto = "theme_auto",
    ThemeLight = "theme_light",
    ThemeSepia = "theme_sepia",
    ThemeDark = "theme_dark",
    // Shown by `lectern.js` alone (the wasm is dead, or never started).
    Crashed = "crashed",
    NoSrc = "no_src",
}

/// The longest message a catalog may hold, in characters.
pub const MAX_MESSAGE: usize = 300;

/// CLDR's plural categories, in the order a plural message may give them.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// English, the fallback of every message (the one catalog in the wasm).
const ENGLISH: &str = include_str!("../../i18n/en.json");

/// One message: a text, or a text per plural category.
#[derive(Debug, Clone, PartialEq)]
enum Message {
    Missing,
    Text(AttrValue),
    Plural(Vec<(&'static str, AttrValue)>),
}

/// The messages of one UI language.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The language (BCP 47), as the catalog gives it.
    pub tag: AttrValue,
    /// Its direction, from its script.
    pub dir: Dir,
    messages: Vec<Message>,
    /// What was wrong with it, key by key.
    pub problems: Vec<String>,
}

/// The `{name}` placeholders of `text`, in order.
fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// `text` when it is a message that may stand for `key` (`english` its
/// English, to compare placeholders with; `None` while English itself is
/// read).
fn checked(text: String, english: Option<&str>) -> Result<AttrValue, &'static str> {
    if text.chars().count() > MAX_MESSAGE {
        return Err("too long");
    }
    if text.chars().any(char::is_control) {
        return Err("has control characters");
    }
    if let Some(english) = english {
        let allowed = placeholders(english);
        if placeholders(&text).iter().any(|p| !allowed.contains(p)) {
            return Err("has a placeholder English does not have");
        }
    }
    Ok(AttrValue::from(text))
}

impl Catalog {
    /// Reads a catalog from its JSON (an object with `lang`, and a message
    /// per key). Unknown fields are ignored; a message that is not right is
    /// left out (English shows instead) and said in `problems`.
    ///
    /// # Errors
    /// When `json` is not an object with a well-formed `lang`.
    pub fn read<V: JsonValue>(json: &V) -> Result<Self, String> {
        Self::read_with(json, Some(&english()))
    }

    fn read_with<V: JsonValue>(json: &V, english: Option<&Self>) -> Result<Self, String> {
        if !matches!(json.read(), Json::Object) {
            return Err("a catalog is a JSON object".to_owned());
        }
        let tag = match json.field("lang").map(|v| v.read()) {
            Some(Json::String(tag)) if is_well_formed(&tag) => tag,
            _ => return Err("a catalog needs \"lang\", a BCP 47 tag".to_owned()),
        };
        let mut problems = Vec::new();
        let mut messages = Vec::with_capacity(KEYS.len());
        for (i, name) in KEYS.iter().enumerate() {
            let english = english.and_then(|e| e.messages.get(i)).map(|m| match m {
                Message::Text(t) => t.to_string(),
                Message::Plural(forms) => forms.iter().map(|(_, t)| t.as_str()).collect(),
                Message::Missing => String::new(),
            });
            let mut bad = |why: &str| problems.push(format!("\"{name}\" {why}"));
            let message = match json.field(name).map(|v| (v.read(), v)) {
                None => Message::Missing,
                Some((Json::String(text), _)) => match checked(text, english.as_deref()) {
                    Ok(text) => Message::Text(text),
                    Err(why) => {
                        bad(why);
                        Message::Missing
                    }
                },
                Some((Json::Object, value)) => {
                    let mut forms = Vec::new();
                    for category in CATEGORIES {
                        match value.field(category).map(|v| v.read()) {
                            Some(Json::String(text)) => match checked(text, english.as_deref()) {
                                Ok(text) => forms.push((category, text)),
                                Err(why) => bad(why),
                            },
                            Some(other) => bad(&format!("{category} is {}", other.kind())),
                            None => {}
                        }
                    }
                    if forms.iter().any(|(c, _)| *c == "other") {
                        Message::Plural(forms)
                    } else {
                        bad("has no \"other\" form");
                        Message::Missing
                    }
                }
                Some((other, _)) => {
                    bad(&format!("is {}", other.kind()));
                    Message::Missing
                }
            };
            messages.push(message);
        }
        Ok(Self {
            dir: direction(&tag),
            tag: AttrValue::from(tag),
            messages,
            problems,
        })
    }

    fn message(&self, key: Key) -> Option<&Message> {
        self.messages
            .get(key as usize)
            .filter(|m| **m != Message::Missing)
    }

    /// The message for `key`, in English where this catalog has none.
    #[must_use]
    pub fn text(&self, key: Key) -> AttrValue {
        match self.message(key) {
            Some(Message::Text(text)) => text.clone(),
            Some(Message::Plural(forms)) => {
                forms.last().map(|(_, t)| t.clone()).unwrap_or_default()
            }
            _ if self.tag != "en" => english().text(key),
            _ => AttrValue::default(),
        }
    }

    /// The message for `key` in the plural form for `n`, with `{name}`
    /// filled by each of `values`.
    #[must_use]
    pub fn plural(&self, key: Key, n: u32, values: &[(&str, u32)]) -> String {
        let template = match self.message(key) {
            Some(Message::Plural(forms)) => {
                let category = plural_category(&self.tag, n);
                forms
                    .iter()
                    .find(|(c, _)| *c == category)
                    .or_else(|| forms.iter().find(|(c, _)| *c == "other"))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            }
            Some(Message::Text(text)) => text.clone(),
            _ if self.tag != "en" => return english().plural(key, n, values),
            _ => AttrValue::default(),
        };
        values
            .iter()
            .fold(template.to_string(), |text, (name, value)| {
                super::fill(&text, name, &value.to_string())
            })
    }

    /// The message for `key` with `{name}` filled by `value`.
    #[must_use]
    pub fn with(&self, key: Key, name: &str, value: &str) -> String {
        super::fill(&self.text(key), name, value)
    }

    /// The labels of the five text sizes, smallest first.
    #[must_use]
    pub fn sizes(&self) -> [AttrValue; 5] {
        [
            Key::SizeSmallest,
            Key::SizeSmall,
            Key::SizeMedium,
            Key::SizeLarge,
            Key::SizeLargest,
        ]
        .map(|k| self.text(k))
    }
}

/// The CLDR plural category of `n` in `tag`'s language, by the browser's
/// `Intl.PluralRules` (`other` where it has no rules for it).
#[cfg(target_arch = "wasm32")]
fn plural_category(tag: &str, n: u32) -> String {
    let locales = js_sys::Array::of1(&tag.into());
    js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
        .select(f64::from(n))
        .into()
}

/// The CLDR plural category of `n` in `tag`'s language, by CLDR's rules
/// (`intl_pluralrules`, the data the browsers' `Intl.PluralRules` use):
/// natively, a pre-render says what the widget will.
#[cfg(not(target_arch = "wasm32"))]
fn plural_category(tag: &str, n: u32) -> String {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    let language = tag.split('-').next().unwrap_or_default();
    let rules = [tag, language]
        .iter()
        .filter_map(|t| t.parse::<unic_langid::LanguageIdentifier>().ok())
        .find_map(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
    let category = rules.and_then(|r| r.select(n).ok());
    match category {
        Some(PluralCategory::ZERO) => "zero",
        Some(PluralCategory::ONE) => "one",
        Some(PluralCategory::TWO) => "two",
        Some(PluralCategory::FEW) => "few",
        Some(PluralCategory::MANY) => "many",
        _ => "other",
    }
    .to_owned()
}

/// The catalogs Lectern ships, for pre-renders and tests (the widget
/// fetches them from `i18n/` beside `lectern.js`; none is in the wasm).
#[cfg(not(target_arch = "wasm32"))]
pub const SHIPPED: [(&str, &str); 12] = [
    ("en", ENGLISH),
    ("zh-Hans", include_str!("../../i18n/zh-Hans.json")),
    ("zh-Hant", include_str!("../../i18n/zh-Hant.json")),
    ("ar", include_str!("../../i18n/ar.json")),
    ("fa", include_str!("../../i18n/fa.json")),
    ("he", include_str!("../../i18n/he.json")),
    ("ja", include_str!("../../i18n/ja.json")),
    ("ko", include_str!("../../i18n/ko.json")),
    ("es", include_str!("../../i18n/es.json")),
    ("fr", include_str!("../../i18n/fr.json")),
    ("de", include_str!("../../i18n/de.json")),
    ("ru", include_str!("../../i18n/ru.json")),
];

/// Every catalog the page has: English first, then each one read (natively,
/// every shipped one).
fn first_catalogs() -> Vec<Rc<Catalog>> {
    let english = Rc::new(read_english());
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut all = vec![Rc::clone(&english)];
        for (_, json) in SHIPPED.iter().skip(1) {
            let value = serde_json::from_str::<serde_json::Value>(json).unwrap_or_default();
            if let Ok(catalog) = Catalog::read_with(&&value, Some(&english)) {
                all.push(Rc::new(catalog));
            }
        }
        all
    }
    #[cfg(target_arch = "wasm32")]
    vec![english]
}

thread_local! {
    static CATALOGS: RefCell<Vec<Rc<Catalog>>> = RefCell::new(first_catalogs());
    /// The catalogs' URLs fetched or being fetched by any widget.
    static CLAIMED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Whether the caller is the one to fetch the catalog at `url`: each is
/// fetched once for the page (again only after a failure, [`release`]).
#[must_use]
pub fn claim(url: &str) -> bool {
    CLAIMED.with(|c| {
        let mut claimed = c.borrow_mut();
        let new = !claimed.iter().any(|u| u == url);
        if new {
            claimed.push(url.to_owned());
        }
        new
    })
}

/// The fetch of `url` failed: another may try.
pub fn release(url: &str) {
    CLAIMED.with(|c| c.borrow_mut().retain(|u| u != url));
}

fn read_english() -> Catalog {
    #[cfg(target_arch = "wasm32")]
    let json = js_sys::JSON::parse(ENGLISH).map(crate::api::BrowserJson);
    #[cfg(not(target_arch = "wasm32"))]
    let value = serde_json::from_str::<serde_json::Value>(ENGLISH).unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    let json: Result<&serde_json::Value, ()> = Ok(&value);
    json.ok()
        .and_then(|json| Catalog::read_with(&json, None).ok())
        .unwrap_or(Catalog {
            tag: AttrValue::Static("en"),
            dir: Dir::Ltr,
            messages: Vec::new(),
            problems: Vec::new(),
        })
}

/// English, compiled in.
#[must_use]
pub fn english() -> Rc<Catalog> {
    CATALOGS
        .with(|c| c.borrow().first().cloned())
        .unwrap_or_else(|| Rc::new(read_english()))
}

/// Keeps `catalog` for every widget on the page; the first one for a tag
/// stays.
pub fn register(catalog: Catalog) {
    CATALOGS.with(|c| {
        let mut catalogs = c.borrow_mut();
        if !catalogs
            .iter()
            .any(|k| k.tag.eq_ignore_ascii_case(&catalog.tag))
        {
            catalogs.push(Rc::new(catalog));
        }
    });
}

/// The catalog for `tag`, if the page has it.
#[must_use]
pub fn find(tag: &str) -> Option<Rc<Catalog>> {
    CATALOGS.with(|c| {
        c.borrow()
            .iter()
            .find(|k| k.tag.eq_ignore_ascii_case(tag))
            .cloned()
    })
}

/// The tags of the catalogs the page has.
#[must_use]
pub fn loaded() -> Vec<String> {
    CATALOGS.with(|c| c.borrow().iter().map(|k| k.tag.to_string()).collect())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Catalog, String> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        Catalog::read(&&value)
    }

    #[test]
    fn the_keys_are_english_s_and_every_shipped_catalog_has_them_all() {
        let english: serde_json::Value = serde_json::from_str(ENGLISH).unwrap();
        let mut names: Vec<&str> = english
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| !["lang", "name"].contains(k))
            .collect();
        names.sort_unstable();
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(names, keys, "KEYS and i18n/en.json");
        let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != "qqq.json")
            .collect();
        assert_eq!(
            files.len(),
            SHIPPED.len(),
            "every file in i18n/ is in SHIPPED"
        );
        for (tag, json) in SHIPPED {
            assert!(files.contains(&format!("{tag}.json")), "{tag}");
            let catalog = read(json).unwrap();
            assert_eq!(catalog.tag, tag);
            assert!(catalog.problems.is_empty(), "{tag}: {:?}", catalog.problems);
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            for key in KEYS {
                assert!(value.get(key).is_some(), "{tag} has no {key}");
            }
            for (i, message) in catalog.messages.iter().enumerate() {
                assert_ne!(*message, Message::Missing, "{tag}: {}", KEYS[i]);
            }
        }
    }

    #[test]
    fn a_missing_or_broken_message_falls_back_to_english_never_to_its_key() {
        let catalog = read(
            r#"{"lang": "th", "retry": "ลองอีกครั้ง", "settings": 3,
                "converted_from": "{lable} {label}", "loading": "a\u0007b",
                "reading_time": {"one": "x"}, "back_to_top": "กลับขึ้นด้านบน"}"#,
        )
        .unwrap();
        assert_eq!(catalog.text(Key::Retry), "ลองอีกครั้ง");
        assert_eq!(catalog.text(Key::BackToTop), "กลับขึ้นด้านบน");
        assert_eq!(catalog.text(Key::Settings), "Reading settings");
        assert_eq!(catalog.text(Key::Theme), "Theme");
        assert_eq!(catalog.text(Key::Loading), "Loading the article…");
        assert_eq!(
            catalog.converted_from("简体"),
            "Converted by machine from 简体."
        );
        assert_eq!(catalog.reading_time((3, 3)), "3 min read");
        assert_eq!(catalog.problems.len(), 4, "{:?}", catalog.problems);
        for key in Key::ALL {
            let text = catalog.text(*key);
            assert!(
                !text.is_empty() && !KEYS.contains(&text.as_str()),
                "{key:?}"
            );
        }
        assert!(read(r#"{"retry": "x"}"#).is_err());
        assert!(read(r#"{"lang": "not a tag", "retry": "x"}"#).is_err());
        assert!(read(r#"["lang"]"#).is_err());
    }

    #[test]
    fn plurals_follow_cldr_for_each_language() {
        let ru = find("ru").unwrap();
        assert!(
            ru.reading_time((1, 1)).contains("минута"),
            "{}",
            ru.reading_time((1, 1))
        );
        assert!(
            ru.reading_time((2, 2)).contains("минуты"),
            "{}",
            ru.reading_time((2, 2))
        );
        assert!(
            ru.reading_time((5, 5)).contains("минут "),
            "{}",
            ru.reading_time((5, 5))
        );
        assert!(
            ru.reading_time((20, 21)).contains("минута"),
            "{}",
            ru.reading_time((20, 21))
        );
        let ar = find("ar").unwrap();
        assert_ne!(ar.reading_time((1, 1)), ar.reading_time((2, 2)));
        assert_ne!(ar.reading_time((3, 3)), ar.reading_time((11, 11)));
        assert!(ar.reading_time((3, 3)).contains('3'));
        let en = english();
        assert_eq!(en.reading_time((4, 5)), "4–5 min read");
        assert_eq!(en.reading_time((1, 1)), "1 min read");
        assert_eq!(
            find("zh-Hans")
                .unwrap()
                .converted_from("简体")
                .matches("简体")
                .count(),
            1
        );
    }

    #[test]
    fn direction_comes_with_the_catalog() {
        for (tag, dir) in [
            ("ar", Dir::Rtl),
            ("fa", Dir::Rtl),
            ("he", Dir::Rtl),
            ("ja", Dir::Ltr),
            ("en", Dir::Ltr),
        ] {
            assert_eq!(find(tag).unwrap().dir, dir, "{tag}");
        }
    }
}
