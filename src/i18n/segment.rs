//! Words in scripts written without spaces between them (Thai, Lao, Khmer,
//! Myanmar), for the reading time: found by a word segmenter, the
//! browser's `Intl.Segmenter` in the widget and ICU4X's dictionary
//! segmenter natively (dictionaries, as ICU segments these scripts in the
//! browsers), so that a pre-render says what the widget will.

/// The words `text` holds in `lang`, by the browser's `Intl.Segmenter`
/// (segments it marks `isWordLike`); where the browser has none (Firefox
/// before 125), an estimate of one word for every five characters.
#[cfg(target_arch = "wasm32")]
pub fn words(text: &str, lang: &str) -> u32 {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = Segmenter)]
        type Segmenter;
        #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "Segmenter")]
        fn new(locales: &str, options: &JsValue) -> Result<Segmenter, JsValue>;
        #[wasm_bindgen(method)]
        fn segment(this: &Segmenter, text: &str) -> JsValue;
    }

    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"granularity".into(), &"word".into());
    let segments = Segmenter::new(lang, &options)
        .ok()
        .and_then(|s| js_sys::try_iter(&s.segment(text)).ok().flatten());
    let Some(segments) = segments else {
        return u32::try_from(text.chars().count().div_ceil(5)).unwrap_or(u32::MAX);
    };
    let word = JsValue::from_str("isWordLike");
    let count = segments
        .flatten()
        .filter(|s| js_sys::Reflect::get(s, &word).is_ok_and(|v| v.is_truthy()))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// The words `text` holds, by ICU4X's dictionary word segmenter (segments
/// that are words, not spaces or punctuation).
#[cfg(not(target_arch = "wasm32"))]
pub fn words(text: &str, _lang: &str) -> u32 {
    let options = icu_segmenter::options::WordBreakInvariantOptions::default();
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(options);
    let count = segmenter
        .segment_str(text)
        .iter_with_word_type()
        .filter(|(_, kind)| kind.is_word_like())
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}
