//! BCP 47 language tags (RFC 5646), checked for well-formedness.

/// Tags RFC 5646 keeps for compatibility although they do not fit its grammar.
/// (One string, separated by spaces: a table of 26 `&str`s costs more wasm.)
const IRREGULAR: &str = "en-GB-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu sgn-BE-FR sgn-BE-NL sgn-CH-DE art-lojban cel-gaulish no-bok no-nyn zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang";

fn alpha(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphabetic())
}
fn digit(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}
fn alnum(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `tag` is a well-formed BCP 47 language tag: `en`, `zh-Hans`,
/// `zh-Hant-TW`, `es-419`, `de-CH-1901`, `x-private`, …
#[must_use]
pub fn is_well_formed(tag: &str) -> bool {
    if IRREGULAR.split(' ').any(|t| t.eq_ignore_ascii_case(tag)) {
        return true;
    }
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !alnum(s))
    {
        return false;
    }
    let mut rest = subtags.as_slice();
    // privateuse alone: x-whatever
    if let [first, tail @ ..] = rest {
        if first.eq_ignore_ascii_case("x") {
            return !tail.is_empty();
        }
    }
    // language: 2-3 alpha (+ up to three 3-alpha extlangs), or 4-8 alpha.
    let Some((language, tail)) = rest.split_first() else {
        return false;
    };
    if !alpha(language) || language.len() < 2 {
        return false;
    }
    rest = tail;
    if language.len() <= 3 {
        let mut extlangs = 0;
        while let Some((s, tail)) = rest.split_first() {
            if extlangs < 3 && s.len() == 3 && alpha(s) {
                extlangs += 1;
                rest = tail;
            } else {
                break;
            }
        }
    }
    // script: 4 alpha
    if let Some((s, tail)) = rest.split_first() {
        if s.len() == 4 && alpha(s) {
            rest = tail;
        }
    }
    // region: 2 alpha or 3 digit
    if let Some((s, tail)) = rest.split_first() {
        if (s.len() == 2 && alpha(s)) || (s.len() == 3 && digit(s)) {
            rest = tail;
        }
    }
    // variants: 5-8 alnum, or a digit and 3 alnum; no repeats.
    let mut variants: Vec<String> = Vec::new();
    while let Some((s, tail)) = rest.split_first() {
        let is_variant =
            s.len() >= 5 || (s.len() == 4 && s.starts_with(|c: char| c.is_ascii_digit()));
        if !is_variant {
            break;
        }
        let lower = s.to_ascii_lowercase();
        if variants.contains(&lower) {
            return false;
        }
        variants.push(lower);
        rest = tail;
    }
    // extensions: a singleton (not x) and one or more 2-8 alnum; no repeated singleton.
    let mut singletons: Vec<String> = Vec::new();
    while let Some((s, tail)) = rest.split_first() {
        if s.len() != 1 || s.eq_ignore_ascii_case("x") {
            break;
        }
        let singleton = s.to_ascii_lowercase();
        if singletons.contains(&singleton) {
            return false;
        }
        singletons.push(singleton);
        let count = tail.iter().take_while(|t| t.len() >= 2).count();
        if count == 0 {
            return false;
        }
        rest = tail.get(count..).unwrap_or_default();
    }
    // privateuse: x and one or more 1-8 alnum.
    match rest.split_first() {
        None => true,
        Some((s, tail)) => s.eq_ignore_ascii_case("x") && !tail.is_empty(),
    }
}

/// Which way a language's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dir {
    #[default]
    Ltr,
    Rtl,
}

impl Dir {
    /// The value of HTML's `dir` attribute.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

/// Scripts written right to left (ISO 15924, lower case): Arabic, Hebrew,
/// Thaana, Syriac, N'Ko, Adlam, Hanifi Rohingya, Mandaic, Samaritan, Mende
/// Kikakui, Yezidi, Old South Arabian, Nabataean, Palmyrene, Avestan,
/// Imperial Aramaic, Phoenician, Kharoshthi, Manichaean, Sogdian, Old Uyghur
/// and Pahlavi.
const RTL_SCRIPTS: &str = "arab hebr thaa syrc nkoo adlm rohg mand samr mend yezi sarb nbat palm avst armi phnx khar mani sogd ougr phli prti";

/// Languages whose likely script (CLDR's likely subtags) is one of those:
/// Arabic and the languages written in Arabic script by default (Persian
/// and Dari, Urdu, Pashto, Sindhi, Uyghur, Kashmiri, Sorani Kurdish,
/// Western Punjabi, Balochi, Southern Azerbaijani, Mazanderani, Gilaki,
/// Northern Luri, Bakhtiari, Khowar, Saraiki…), Hebrew and Yiddish (and
/// their old codes `iw`, `ji`), Dhivehi, Syriac and Aramaic, N'Ko,
/// Rohingya, Mandaic and Samaritan.
const RTL_LANGUAGES: &str = "ar arb arq ary arz apc acm ajp aeb ayl fa prs pes ur ps pbu pst sd ug ks ckb pnb bal azb mzn glk lrc luz bqi sdh khw skr bgn hnd bft he iw yi ji ydd yih dv syr aii arc nqo rhg mid myz sam";

/// The direction of text in `tag`'s language: its script subtag where it
/// has one (`az-Arab` is right to left, `ar-Latn` left to right), else its
/// language's likely script (`ar`, `fa`, `he`, `ur`… right to left, `az`
/// left to right). Unknown and malformed tags read left to right.
#[must_use]
pub fn direction(tag: &str) -> Dir {
    let mut subtags = tag.split(['-', '_']);
    let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
    let listed = |list: &str, s: &str| list.split(' ').any(|t| t == s);
    // The script comes right after the language and its extlangs, before
    // any singleton (an extension or private use).
    for subtag in subtags.take_while(|s| s.len() > 1) {
        if subtag.len() == 4 && alpha(subtag) {
            let script = subtag.to_ascii_lowercase();
            return if listed(RTL_SCRIPTS, &script) {
                Dir::Rtl
            } else {
                Dir::Ltr
            };
        }
    }
    if listed(RTL_LANGUAGES, &language) {
        Dir::Rtl
    } else {
        Dir::Ltr
    }
}

#[cfg(test)]
mod tests {
    use super::{direction, is_well_formed, Dir};

    #[test]
    fn well_formed_tags_are_accepted_and_others_refused() {
        let cases = [
            ("en", true),
            ("zh-Hans", true),
            ("zh-Hant", true),
            ("zh-Hant-TW", true),
            ("zh-cmn-Hans-CN", true),
            ("es-419", true),
            ("de-CH-1901", true),
            ("sl-rozaj-biske", true),
            ("en-US-u-ca-gregory", true),
            ("x-whatever", true),
            ("en-x-lectern", true),
            ("i-klingon", true),
            ("", false),
            ("e", false),
            ("english", true),          // 5-8 alpha is a registered-language shape
            ("english-language", true), // "language" has a variant's shape
            ("en-toolongvariant", false),
            ("zh_Hans", false),
            ("zh-", false),
            ("-zh", false),
            ("zh--Hans", false),
            ("de-1901-1901", false),
            ("en-a-bbb-a-ccc", false),
            ("en-a", false),
            ("en-x", false),
            ("12", false),
            ("zh-Hans-CN-toolongsubtag", false),
            ("<script>", false),
        ];
        for (tag, expected) in cases {
            assert_eq!(is_well_formed(tag), expected, "{tag:?}");
        }
    }

    #[test]
    fn direction_comes_from_the_script_then_the_likely_script() {
        let cases = [
            ("ar", Dir::Rtl),
            ("ar-EG", Dir::Rtl),
            ("fa", Dir::Rtl),
            ("fa-AF", Dir::Rtl),
            ("he", Dir::Rtl),
            ("iw", Dir::Rtl),
            ("ur-PK", Dir::Rtl),
            ("ps", Dir::Rtl),
            ("sd", Dir::Rtl),
            ("ug", Dir::Rtl),
            ("yi", Dir::Rtl),
            ("dv", Dir::Rtl),
            ("ckb", Dir::Rtl),
            ("syr", Dir::Rtl),
            ("az", Dir::Ltr),
            ("az-Arab", Dir::Rtl),
            ("az-Arab-IR", Dir::Rtl),
            ("ar-Latn", Dir::Ltr),
            ("pa", Dir::Ltr),
            ("pa-Arab", Dir::Rtl),
            ("ff-Adlm", Dir::Rtl),
            ("rhg", Dir::Rtl),
            ("rhg-Rohg", Dir::Rtl),
            ("man-Nkoo", Dir::Rtl),
            ("en", Dir::Ltr),
            ("zh-Hant-TW", Dir::Ltr),
            ("ja", Dir::Ltr),
            ("en-x-arab", Dir::Ltr),
            ("", Dir::Ltr),
            ("AR", Dir::Rtl),
        ];
        for (tag, dir) in cases {
            assert_eq!(direction(tag), dir, "{tag}");
        }
    }
}
