//! Languages: the widget's own strings in English, 简体 and 繁體, the choice
//! of a version from the reader's preferences, and reading time. Pure: the
//! browser's preferences are passed in.

use crate::error::LoadError;
use crate::model::{Article, BlockKind, Inline};

pub mod catalog;
mod segment;

pub use catalog::{Catalog, Key};

/// `template` with every `placeholder` in it (`{name}`) replaced by
/// `value`. `str::replace` with a `&str` pattern does the same, but its
/// substring search (Two-Way) costs the wasm about 700 bytes brotli; a
/// placeholder always starts with `{`, so a split on that character finds
/// it.
#[must_use]
pub fn fill(template: &str, placeholder: &str, value: &str) -> String {
    let name = placeholder.strip_prefix('{').unwrap_or(placeholder);
    let mut parts = template.split('{');
    let mut out = String::from(parts.next().unwrap_or_default());
    for part in parts {
        if let Some(after) = part.strip_prefix(name) {
            out.push_str(value);
            out.push_str(after);
        } else {
            out.push('{');
            out.push_str(part);
        }
    }
    out
}

impl Catalog {
    /// "Converted by machine from 简体."
    #[must_use]
    pub fn converted_from(&self, label: &str) -> String {
        self.with(Key::ConvertedFrom, "{label}", label)
    }

    /// "4–5 min read", or "4 min read" when the range is one number: the
    /// plural form for the range's end, as CLDR's plural ranges give it in
    /// most languages.
    #[must_use]
    pub fn reading_time(&self, (lo, hi): (u32, u32)) -> String {
        if lo == hi {
            self.plural(Key::ReadingTime, lo, &[("{n}", lo)])
        } else {
            self.plural(Key::ReadingTimeRange, hi, &[("{lo}", lo), ("{hi}", hi)])
        }
    }

    /// What to tell a reader about a failed load, in plain words. The
    /// technical detail of a document that breaks the contract follows in
    /// English; a parser's detail never shows (it goes to `lectern:error`).
    #[must_use]
    pub fn error_message(&self, error: &LoadError) -> String {
        let text = |key| self.text(key).to_string();
        match error {
            LoadError::NotFound(_) => text(Key::NotFound),
            LoadError::Server(status) => format!("{} (HTTP {status})", text(Key::ServerFailed)),
            LoadError::Refused(status) => format!("{} (HTTP {status})", text(Key::Refused)),
            LoadError::Blocked => text(Key::Blocked),
            LoadError::Network => text(Key::NetworkDown),
            LoadError::Timeout => text(Key::TimedOut),
            LoadError::TooLarge(detail) => format!("{} ({detail})", text(Key::TooLarge)),
            LoadError::NotAnArticle(detail) => match &**detail {
                crate::model::ContentError::NotJson(_) => text(Key::NotAnArticle),
                detail => format!("{} ({detail})", text(Key::NotAnArticle)),
            },
        }
    }
}

/// The UI language: the host's choice (`ui_lang`, not `auto`), else the
/// content's language, else the reader's browser languages, each where a
/// catalog exists (`available`), else English.
#[must_use]
pub fn ui_language(
    ui_lang: Option<&str>,
    content: Option<&str>,
    browser: &[String],
    available: &[&str],
) -> String {
    let host = ui_lang.filter(|l| !l.trim().eq_ignore_ascii_case("auto"));
    host.into_iter()
        .chain(content)
        .chain(browser.iter().map(String::as_str))
        .find_map(|preference| best_match(preference, available))
        .unwrap_or("en")
        .to_owned()
}

/// The tags to try for a preference, most specific first, lower case:
/// `zh-TW` → `zh-tw`, `zh-hant-tw`, `zh-hant`, `zh`; `en-GB` → `en-gb`, `en`.
#[must_use]
pub fn variant_chain(tag: &str) -> Vec<String> {
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let subtags: Vec<&str> = tag.split('-').filter(|s| !s.is_empty()).collect();
    let mut chain = vec![tag.clone()];
    if subtags.first() == Some(&"zh") {
        let script = subtags
            .iter()
            .skip(1)
            .find(|s| **s == "hans" || **s == "hant")
            .copied();
        let region = subtags.iter().skip(1).find(|s| s.len() == 2).copied();
        let script = script.unwrap_or(match region {
            Some("tw" | "hk" | "mo") => "hant",
            _ => "hans",
        });
        if let Some(region) = region {
            chain.push(format!("zh-{script}-{region}"));
        }
        chain.push(format!("zh-{script}"));
    }
    for end in (1..subtags.len()).rev() {
        chain.push(subtags[..end].join("-"));
    }
    let mut seen = Vec::new();
    chain.retain(|t| {
        let new = !seen.contains(t);
        seen.push(t.clone());
        new
    });
    chain
}

/// The first of `available` that a preference matches through its variant chain.
#[must_use]
pub fn best_match<'a>(preference: &str, available: &[&'a str]) -> Option<&'a str> {
    variant_chain(preference).iter().find_map(|candidate| {
        available
            .iter()
            .find(|a| a.eq_ignore_ascii_case(candidate))
            .copied()
    })
}

/// Where the reader's preferences come from, in the order they count.
#[derive(Debug, Default, Clone, Copy)]
pub struct Preferences<'a> {
    /// `data-lectern-lang` or the JS API's `lang` (not `auto`).
    pub explicit: Option<&'a str>,
    /// The reader's stored choice.
    pub stored: Option<&'a str>,
    /// `navigator.languages`.
    pub browser: &'a [String],
}

/// The two languages of a pair (对照): `FIRST+SECOND`, or `FIRST SECOND`
/// as a URL query's `+` decodes; `None` for a single language.
#[must_use]
pub fn split_pair(tag: &str) -> Option<(&str, &str)> {
    let (first, second) = tag.trim().split_once(['+', ' '])?;
    let (first, second) = (first.trim(), second.trim());
    (!first.is_empty() && !second.is_empty()).then_some((first, second))
}

/// Chooses the version to show: the explicit language, else the stored
/// choice, else the browser's languages in order, else `own` (the language
/// of the document that was fetched).
#[must_use]
pub fn negotiate<'a>(prefs: &Preferences<'_>, available: &[&'a str], own: &'a str) -> &'a str {
    let explicit = prefs.explicit.filter(|l| !l.eq_ignore_ascii_case("auto"));
    explicit
        .into_iter()
        .chain(prefs.stored)
        .chain(prefs.browser.iter().map(String::as_str))
        .find_map(|preference| best_match(preference, available))
        .unwrap_or(own)
}

fn inline_text(inline: &Inline, out: &mut String) {
    for span in inline {
        out.push_str(&span.text);
        out.push(' ');
    }
}

/// All the readable text of an article's body.
fn body_text(article: &Article) -> String {
    let mut text = String::new();
    for block in &article.body {
        match &block.kind {
            BlockKind::Paragraph { text: t }
            | BlockKind::Heading { text: t, .. }
            | BlockKind::Quote { text: t, .. } => inline_text(t, &mut text),
            BlockKind::List { items, .. } => items.iter().for_each(|i| inline_text(i, &mut text)),
            BlockKind::Image { caption, .. } => {
                if let Some(c) = caption {
                    inline_text(c, &mut text);
                }
            }
            BlockKind::Rule => {}
        }
    }
    text
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// A letter or a digit, near enough for counting words: ASCII letters and
/// digits, and anything outside ASCII but the punctuation and symbol blocks
/// (so a dash or an emoji alone is not a word). `char::is_alphanumeric`
/// would be exact, at the price of Unicode's tables in the wasm (about 1 KB
/// brotli) for a figure that is rounded to minutes.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || !matches!(c as u32,
            0..=0x7F | 0xA0..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x2BFF | 0x3000..=0x303F
            | 0xFE30..=0xFE4F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65 | 0x1F000..=0x1FAFF)
}

/// Thai, Lao, Myanmar and Khmer (and their extensions): written without
/// spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x19E0..=0x19FF | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F)
}

/// Words written with spaces: runs between white space and CJK characters
/// that hold a letter or a digit. A run in a script written without spaces
/// counts the words a segmenter finds in it (`segment::words`).
fn count_words(text: &str, lang: &str) -> u32 {
    let words: usize = text
        .split(|c: char| c.is_whitespace() || is_cjk(c))
        .map(|w| {
            if w.chars().any(is_unspaced) {
                segment::words(w, lang) as usize
            } else {
                usize::from(w.chars().any(is_word_char))
            }
        })
        .sum();
    u32::try_from(words).unwrap_or(u32::MAX)
}

/// Words a minute, fast and slow, for text in `lang`'s script. Reading
/// speeds aloud-free, adults, from the International Reading Speed Texts
/// (Trauzettel-Klosinski and Dietz, IOVS 53(9), 2012; mean ± SD): English
/// 228 ± 30, Arabic 138 ± 20, Hebrew 187 ± 29 words a minute, the other
/// European languages 161–218. Arabic script: 120–160; Hebrew: 160–215;
/// every other script written in words (Latin, Cyrillic, Greek, and the
/// words a segmenter finds in Thai, Lao, Khmer and Myanmar, for which the
/// study has no rate): 200–250.
fn words_a_minute(lang: &str) -> (u32, u32) {
    match crate::model::langtag::direction(lang) {
        crate::model::langtag::Dir::Rtl if lang.starts_with("he") || lang.starts_with("yi") => {
            (215, 160)
        }
        crate::model::langtag::Dir::Rtl => (160, 120),
        crate::model::langtag::Dir::Ltr => (250, 200),
    }
}

/// Minutes to read an article, as a range: words at their script's pace
/// ([`words_a_minute`]), Chinese and Japanese at 300–400 characters a
/// minute (the same study: Chinese 255 ± 29, Japanese 357 ± 56). Never less
/// than 1.
#[must_use]
pub fn reading_minutes(article: &Article) -> (u32, u32) {
    let text = body_text(article);
    let lang = article.lang.as_str();
    let cjk = u32::try_from(text.chars().filter(|c| is_cjk(*c)).count()).unwrap_or(u32::MAX);
    let words = count_words(&text, lang);
    let (fast_wpm, slow_wpm) = words_a_minute(lang);
    // Minutes at the fast and the slow pace, rounded up.
    let fast = words.div_ceil(fast_wpm) + cjk.div_ceil(400);
    let slow = words.div_ceil(slow_wpm) + cjk.div_ceil(300);
    (fast.max(1), slow.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_is_filled_as_str_replace_fills_it() {
        let cases = [
            ("Converted by machine from {}.", "{}", "简体"),
            ("{lo}–{hi} min read", "{lo}", "4"),
            ("{lo}–{hi} min read", "{hi}", "5"),
            ("/news/{lang}/{lang}/x?{q}={lang}", "{lang}", "zh-Hant"),
            ("{{lang}}{lan}{lang", "{lang}", "en"),
            ("no placeholder {", "{}", "x"),
            ("", "{}", "x"),
            ("{}{}{}", "{}", "{}"),
            ("{lang}", "{lang}", "{lang}"),
        ];
        for (template, placeholder, value) in cases {
            assert_eq!(
                fill(template, placeholder, value),
                template.replace(placeholder, value),
                "{template}"
            );
        }
    }

    #[test]
    fn words_hold_a_letter_or_a_digit_in_any_script() {
        let cases = [
            ("Hello, world.", 2),
            ("In 2018 — as before — the café said “non”.", 8),
            ("Привет мир, Γειά σου, שלום", 5),
            ("😀 … -- ¶ 12", 1),
            ("中国的机会 and Korea", 2),
            ("", 0),
        ];
        for (text, words) in cases {
            assert_eq!(count_words(text, "en"), words, "{text}");
            // The same count as Unicode's own letters and digits give.
            let exact = text
                .split(|c: char| c.is_whitespace() || is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric));
            assert_eq!(exact.count(), words as usize, "{text}");
        }
    }

    #[test]
    fn thai_words_are_found_by_a_segmenter_not_by_spaces() {
        // การทูต ระหว่าง ภาษา ต้อง อาศัย การ เลือก ถ้อยคำ อย่าง ระมัดระวัง เสมอ
        let sentence = "การทูตระหว่างภาษาต้องอาศัยการเลือกถ้อยคำอย่างระมัดระวังเสมอ";
        let n = count_words(sentence, "th");
        assert!((8..=14).contains(&n), "{n}");
        assert_eq!(count_words(&format!("{sentence} {sentence}"), "th"), 2 * n);
        assert_eq!(count_words("Thai ไทย", "th"), 2);
    }

    #[test]
    fn each_script_reads_at_its_own_pace() {
        assert_eq!(words_a_minute("en"), (250, 200));
        assert_eq!(words_a_minute("ar"), (160, 120));
        assert_eq!(words_a_minute("fa"), (160, 120));
        assert_eq!(words_a_minute("he"), (215, 160));
        assert_eq!(words_a_minute("th"), (250, 200));
    }

    #[test]
    fn variant_chains_fold_regions_into_scripts() {
        let cases = [
            ("zh-TW", vec!["zh-tw", "zh-hant-tw", "zh-hant", "zh"]),
            ("zh-HK", vec!["zh-hk", "zh-hant-hk", "zh-hant", "zh"]),
            ("zh-MO", vec!["zh-mo", "zh-hant-mo", "zh-hant", "zh"]),
            ("zh-CN", vec!["zh-cn", "zh-hans-cn", "zh-hans", "zh"]),
            ("zh-SG", vec!["zh-sg", "zh-hans-sg", "zh-hans", "zh"]),
            ("zh", vec!["zh", "zh-hans"]),
            ("zh-Hant", vec!["zh-hant", "zh"]),
            ("zh-Hant-TW", vec!["zh-hant-tw", "zh-hant", "zh"]),
            ("en-GB", vec!["en-gb", "en"]),
            ("en", vec!["en"]),
        ];
        for (tag, expected) in cases {
            assert_eq!(variant_chain(tag), expected, "{tag}");
        }
    }

    #[test]
    fn negotiation_follows_explicit_then_stored_then_browser_then_own() {
        let available = ["en", "zh-Hans", "zh-Hant"];
        let browser = |langs: &[&str]| langs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let tw = browser(&["zh-TW", "en"]);
        let fr = browser(&["fr-FR", "de"]);
        let cn = browser(&["zh-CN"]);
        let gb = browser(&["en-GB"]);
        let cases: [(Preferences<'_>, &str); 8] = [
            (
                Preferences {
                    explicit: Some("zh-Hans"),
                    stored: Some("en"),
                    browser: &tw,
                },
                "zh-Hans",
            ),
            (
                Preferences {
                    explicit: Some("auto"),
                    stored: Some("en"),
                    browser: &tw,
                },
                "en",
            ),
            (
                Preferences {
                    explicit: None,
                    stored: Some("zh-Hant"),
                    browser: &cn,
                },
                "zh-Hant",
            ),
            (
                Preferences {
                    explicit: None,
                    stored: Some("ja"),
                    browser: &tw,
                },
                "zh-Hant",
            ),
            (
                Preferences {
                    explicit: None,
                    stored: None,
                    browser: &cn,
                },
                "zh-Hans",
            ),
            (
                Preferences {
                    explicit: None,
                    stored: None,
                    browser: &gb,
                },
                "en",
            ),
            (
                Preferences {
                    explicit: None,
                    stored: None,
                    browser: &fr,
                },
                "zh-Hans",
            ),
            (
                Preferences {
                    explicit: Some("ja"),
                    stored: None,
                    browser: &[],
                },
                "zh-Hans",
            ),
        ];
        for (prefs, expected) in cases {
            assert_eq!(
                negotiate(&prefs, &available, "zh-Hans"),
                expected,
                "{prefs:?}"
            );
        }
    }

    #[test]
    fn ui_language_is_the_hosts_then_the_contents_then_the_browsers() {
        let available = ["en", "zh-Hans", "zh-Hant", "ar", "ja"];
        let browser = |langs: &[&str]| langs.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let cases = [
            (None, Some("en"), browser(&[]), "en"),
            (None, Some("fr"), browser(&[]), "en"),
            (None, Some("fr"), browser(&["ja-JP", "en"]), "ja"),
            (None, Some("zh-CN"), browser(&["en"]), "zh-Hans"),
            (None, Some("zh-TW"), browser(&[]), "zh-Hant"),
            (None, Some("zh-HK"), browser(&[]), "zh-Hant"),
            (None, Some("ar-EG"), browser(&["en"]), "ar"),
            (Some("auto"), Some("ar"), browser(&["en"]), "ar"),
            (Some("ja"), Some("ar"), browser(&["en"]), "ja"),
            (Some("th"), Some("ar"), browser(&["en"]), "ar"),
            (None, None, browser(&["pt-BR", "zh-Hant-TW"]), "zh-Hant"),
            (None, None, browser(&["pt-BR"]), "en"),
        ];
        for (host, content, browser, expected) in cases {
            assert_eq!(
                ui_language(host, content, &browser, &available),
                expected,
                "{host:?} {content:?} {browser:?}"
            );
        }
    }
}
