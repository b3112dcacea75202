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

#[cfg(test)]
mod tests {
    use super::is_well_formed;

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
}
