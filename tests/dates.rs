//! The widget formats English and Chinese calendar dates itself (no `Intl`,
//! whose first use of a locale costs tens of milliseconds at a phone's
//! speed): here, in the browser, its output is exactly `Intl`'s.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn intl(date: &str, lang: &str) -> String {
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"medium".into()).unwrap();
    Reflect::set(&options, &"timeZone".into(), &"UTC".into()).unwrap();
    let format = Intl::DateTimeFormat::new(&Array::of1(&lang.into()), &options).format();
    let date = Date::new(&JsValue::from_str(date));
    format
        .call1(&JsValue::NULL, &date)
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn english_and_chinese_calendar_dates_are_formatted_as_intl_formats_them() {
    for lang in [
        "en", "en-US", "zh", "zh-Hans", "zh-Hant", "zh-TW", "zh-HK", "zh-CN",
    ] {
        for date in [
            "2018-04-04",
            "2018-12-31",
            "2000-01-01",
            "2026-11-29",
            "1999-09-09",
        ] {
            assert_eq!(
                lectern::views::date::format_date(date, lang).as_deref(),
                Some(intl(date, lang).as_str()),
                "{date} in {lang}"
            );
        }
    }
}
