//! Languages: the widget's own strings in English, 简体 and 繁體, the choice
//! of a version from the reader's preferences, and reading time. Pure: the
//! browser's preferences are passed in.

use crate::error::LoadError;
use crate::model::{Article, BlockKind, Inline};

/// The language of the widget's own strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiLang {
    En,
    ZhHans,
    ZhHant,
}

impl UiLang {
    /// The UI language for a content language tag: Traditional Chinese for
    /// `zh-Hant*`, `zh-TW`, `zh-HK` and `zh-MO`; Simplified for other `zh`;
    /// English for everything else.
    #[must_use]
    pub fn for_tag(tag: &str) -> Self {
        let chain = variant_chain(tag);
        if chain.iter().any(|t| t == "zh-hant") {
            Self::ZhHant
        } else if chain.iter().any(|t| t == "zh-hans" || t == "zh") {
            Self::ZhHans
        } else {
            Self::En
        }
    }

    /// The BCP 47 tag of the strings' language.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhHans => "zh-Hans",
            Self::ZhHant => "zh-Hant",
        }
    }

    /// The widget's strings in this language.
    #[must_use]
    pub fn strings(self) -> &'static Strings {
        match self {
            Self::En => &EN,
            Self::ZhHans => &ZH_HANS,
            Self::ZhHant => &ZH_HANT,
        }
    }
}

/// Every string the widget shows that is not content.
#[derive(Debug)]
pub struct Strings {
    pub back_to_top: &'static str,
    pub you_might_also_like: &'static str,
    pub about_the_author: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub language: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub by: &'static str,
    pub profile: &'static str,
    /// `{}` is the label of the version it was converted from.
    pub converted_from: &'static str,
    /// `{lo}` and `{hi}` are minutes.
    pub reading_time_range: &'static str,
    pub reading_time_one: &'static str,
    pub not_found: &'static str,
    pub server_failed: &'static str,
    pub refused: &'static str,
    pub blocked: &'static str,
    pub network_down: &'static str,
    pub timed_out: &'static str,
    pub too_large: &'static str,
    pub not_an_article: &'static str,
    /// `{}` is the date the copy was saved.
    pub saved_copy: &'static str,
    /// Labels the selector's choices of two languages at once (对照).
    pub side_by_side: &'static str,
    /// A block's link, for screen readers.
    pub link_to_paragraph: &'static str,
    /// Said politely once a block's link is copied.
    pub link_copied: &'static str,
    /// The reader's settings: the button, then each group and its choices.
    pub settings: &'static str,
    pub text_size: &'static str,
    pub sizes: [&'static str; 5],
    pub typeface: &'static str,
    /// Serif, sans-serif.
    pub typefaces: [&'static str; 2],
    pub theme: &'static str,
    /// Auto, light, sepia, dark.
    pub themes: [&'static str; 4],
}

static EN: Strings = Strings {
    back_to_top: "Back to Top",
    you_might_also_like: "You might also like",
    about_the_author: "About the author",
    loading: "Loading the article…",
    retry: "Retry",
    language: "Language",
    published: "Published",
    updated: "Updated",
    by: "By",
    profile: "Profile",
    converted_from: "Converted by machine from {}.",
    reading_time_range: "{lo}–{hi} min read",
    reading_time_one: "{lo} min read",
    not_found: "This article could not be found.",
    server_failed: "The server failed to send this article. Please try again.",
    refused: "The server refused to send this article.",
    blocked: "This page does not allow the widget to load that article.",
    network_down: "The network seems to be down, so the article could not be loaded.",
    timed_out: "The article took too long to arrive.",
    too_large: "This article is too large to show.",
    not_an_article: "This is not an article Lectern can read.",
    saved_copy: "Saved copy from {}.",
    side_by_side: "Side by side",
    link_to_paragraph: "Link to this paragraph",
    link_copied: "Link copied",
    settings: "Reading settings",
    text_size: "Text size",
    sizes: ["Smallest", "Small", "Medium", "Large", "Largest"],
    typeface: "Typeface",
    typefaces: ["Serif", "Sans-serif"],
    theme: "Theme",
    themes: ["Auto", "Light", "Sepia", "Dark"],
};

static ZH_HANS: Strings = Strings {
    back_to_top: "返回顶部",
    you_might_also_like: "猜你喜欢",
    about_the_author: "关于作者",
    loading: "正在加载文章…",
    retry: "重试",
    language: "语言",
    published: "发布于",
    updated: "更新于",
    by: "作者",
    profile: "作者主页",
    converted_from: "本版本由{}机器转换。",
    reading_time_range: "阅读约需 {lo}–{hi} 分钟",
    reading_time_one: "阅读约需 {lo} 分钟",
    not_found: "找不到这篇文章。",
    server_failed: "服务器未能发送这篇文章，请重试。",
    refused: "服务器拒绝发送这篇文章。",
    blocked: "此页面不允许加载该文章。",
    network_down: "网络似乎已断开，文章无法加载。",
    timed_out: "文章加载超时。",
    too_large: "这篇文章太大，无法显示。",
    not_an_article: "这不是 Lectern 能读取的文章。",
    saved_copy: "这是 {} 保存的副本。",
    side_by_side: "对照",
    link_to_paragraph: "链接到此段",
    link_copied: "链接已复制",
    settings: "阅读设置",
    text_size: "字号",
    sizes: ["最小", "小", "中", "大", "最大"],
    typeface: "字体",
    typefaces: ["衬线", "无衬线"],
    theme: "主题",
    themes: ["自动", "浅色", "米黄", "深色"],
};

static ZH_HANT: Strings = Strings {
    back_to_top: "返回頂部",
    you_might_also_like: "你可能也會喜歡",
    about_the_author: "關於作者",
    loading: "正在載入文章…",
    retry: "重試",
    language: "語言",
    published: "發布於",
    updated: "更新於",
    by: "作者",
    profile: "作者主頁",
    converted_from: "本版本由{}機器轉換。",
    reading_time_range: "閱讀約需 {lo}–{hi} 分鐘",
    reading_time_one: "閱讀約需 {lo} 分鐘",
    not_found: "找不到這篇文章。",
    server_failed: "伺服器未能傳送這篇文章，請重試。",
    refused: "伺服器拒絕傳送這篇文章。",
    blocked: "此頁面不允許載入該文章。",
    network_down: "網路似乎已中斷，文章無法載入。",
    timed_out: "文章載入逾時。",
    too_large: "這篇文章太大，無法顯示。",
    not_an_article: "這不是 Lectern 能讀取的文章。",
    saved_copy: "這是 {} 儲存的副本。",
    side_by_side: "對照",
    link_to_paragraph: "連結到此段",
    link_copied: "連結已複製",
    settings: "閱讀設定",
    text_size: "字級",
    sizes: ["最小", "小", "中", "大", "最大"],
    typeface: "字體",
    typefaces: ["襯線", "無襯線"],
    theme: "主題",
    themes: ["自動", "淺色", "米黃", "深色"],
};

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

impl Strings {
    /// "Converted by machine from 简体."
    #[must_use]
    pub fn converted_from(&self, label: &str) -> String {
        fill(self.converted_from, "{}", label)
    }

    /// "4–5 min read", or "4 min read" when the range is one number.
    #[must_use]
    pub fn reading_time(&self, (lo, hi): (u32, u32)) -> String {
        let template = if lo == hi {
            self.reading_time_one
        } else {
            self.reading_time_range
        };
        fill(
            &fill(template, "{lo}", &lo.to_string()),
            "{hi}",
            &hi.to_string(),
        )
    }

    /// What to tell a reader about a failed load, in plain words. The
    /// technical detail of a document that breaks the contract follows in
    /// English; a parser's detail never shows (it goes to `lectern:error`).
    #[must_use]
    pub fn error_message(&self, error: &LoadError) -> String {
        match error {
            LoadError::NotFound(_) => self.not_found.to_owned(),
            LoadError::Server(status) => format!("{} (HTTP {status})", self.server_failed),
            LoadError::Refused(status) => format!("{} (HTTP {status})", self.refused),
            LoadError::Blocked => self.blocked.to_owned(),
            LoadError::Network => self.network_down.to_owned(),
            LoadError::Timeout => self.timed_out.to_owned(),
            LoadError::TooLarge(detail) => format!("{} ({detail})", self.too_large),
            LoadError::NotAnArticle(detail) => match &**detail {
                crate::model::ContentError::NotJson(_) => self.not_an_article.to_owned(),
                detail => format!("{} ({detail})", self.not_an_article),
            },
        }
    }
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

/// Words written with spaces: runs between white space and CJK characters
/// that hold a letter or a digit.
fn count_words(text: &str) -> u32 {
    let words = text
        .split(|c: char| c.is_whitespace() || is_cjk(c))
        .filter(|w| w.chars().any(is_word_char));
    u32::try_from(words.count()).unwrap_or(u32::MAX)
}

/// Minutes to read an article, as a range: English (and other languages
/// written with spaces) at 200–250 words a minute, Chinese at 300–400
/// characters a minute. Never less than 1.
#[must_use]
pub fn reading_minutes(article: &Article) -> (u32, u32) {
    let text = body_text(article);
    let cjk = u32::try_from(text.chars().filter(|c| is_cjk(*c)).count()).unwrap_or(u32::MAX);
    let words = count_words(&text);
    // Minutes at the fast and the slow pace, rounded up.
    let fast = words.div_ceil(250) + cjk.div_ceil(400);
    let slow = words.div_ceil(200) + cjk.div_ceil(300);
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
            assert_eq!(count_words(text), words, "{text}");
            // The same count as Unicode's own letters and digits give.
            let exact = text
                .split(|c: char| c.is_whitespace() || is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric));
            assert_eq!(exact.count(), words as usize, "{text}");
        }
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
    fn ui_language_follows_the_content_language() {
        let cases = [
            ("en", UiLang::En),
            ("fr", UiLang::En),
            ("zh-Hans", UiLang::ZhHans),
            ("zh", UiLang::ZhHans),
            ("zh-CN", UiLang::ZhHans),
            ("zh-Hant", UiLang::ZhHant),
            ("zh-TW", UiLang::ZhHant),
            ("zh-HK", UiLang::ZhHant),
        ];
        for (tag, expected) in cases {
            assert_eq!(UiLang::for_tag(tag), expected, "{tag}");
        }
    }

    #[test]
    fn every_language_has_every_string() {
        for ui in [UiLang::En, UiLang::ZhHans, UiLang::ZhHant] {
            let s = ui.strings();
            for text in [
                s.back_to_top,
                s.you_might_also_like,
                s.about_the_author,
                s.loading,
                s.retry,
                s.language,
                s.published,
                s.updated,
                s.by,
                s.profile,
                s.not_found,
                s.server_failed,
                s.refused,
                s.blocked,
                s.saved_copy,
                s.network_down,
                s.timed_out,
                s.too_large,
                s.not_an_article,
            ] {
                assert!(!text.is_empty());
            }
            assert!(s.converted_from.contains("{}"));
            assert_eq!(s.reading_time((3, 3)).matches('3').count(), 1);
            assert!(s.reading_time((3, 4)).contains('4'));
        }
        assert_eq!(EN.reading_time((4, 5)), "4–5 min read");
        assert_eq!(ZH_HANS.reading_time((3, 4)), "阅读约需 3–4 分钟");
        assert_eq!(ZH_HANT.converted_from("简体"), "本版本由简体機器轉換。");
    }
}
