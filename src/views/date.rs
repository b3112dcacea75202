//! Dates: `<time datetime>` showing the date in the reader's language,
//! formatted by the browser's own `Intl` ("Apr 4, 2018", "2018年4月4日").
//! The widget formats a document's dates once, as it arrives
//! ([`format_dates`], in the browser only); rendering only shows the result,
//! so the views render the same without a browser. Pre-rendering formats
//! English and Chinese calendar dates the same way natively.

use yew::prelude::*;

use crate::model::Timestamp;

/// `<time datetime>` with the date as the reader sees it. (No class: a
/// computed class costs Yew's `Classes` set; styles select by context.)
pub fn formatted_date(date: &Timestamp) -> Html {
    html! {
        <time datetime={date.as_str().to_owned()}>{ date.text().to_owned() }</time>
    }
}

/// Formats every date of `article` in its language (without a browser it
/// leaves them as written).
pub fn format_dates(article: &mut crate::model::Article) {
    let lang = article.lang.as_str().to_owned();
    let format = |date: &mut Timestamp| date.shown = format_date(date.as_str(), &lang);
    format(&mut article.published);
    if let Some(updated) = &mut article.updated {
        format(updated);
    }
    for teaser in &mut article.related {
        if let Some(published) = &mut teaser.published {
            format(published);
        }
    }
}

/// Formats with `Intl.DateTimeFormat(lang, { dateStyle: "medium" })`. A date
/// without a time is a calendar date: it is formatted in UTC so that no time
/// zone moves it to the day before. Making a `DateTimeFormat` costs far
/// more than using one (about 5 ms at a phone's speed), so each language's
/// two formatters are made once, as they are first needed.
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn format_date(datetime: &str, lang: &str) -> Option<String> {
    // English and Chinese calendar dates need no `Intl` (whose first use of
    // a locale costs tens of milliseconds at a phone's speed): they are
    // formatted as `Intl` would, exactly as the pre-render does.
    calendar_date(datetime, lang).or_else(|| intl_date(datetime, lang))
}

/// `Intl.DateTimeFormat`'s medium date, for the other languages and for
/// dates with a time (in the reader's time zone).
#[cfg(target_arch = "wasm32")]
fn intl_date(datetime: &str, lang: &str) -> Option<String> {
    use js_sys::{Array, Date, Function, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    thread_local! {
        static FORMATS: std::cell::RefCell<Vec<(String, bool, Function)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let date = Date::new(&JsValue::from_str(datetime));
    if date.get_time().is_nan() {
        return None;
    }
    let utc = datetime.len() == 10;
    let format = FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        if let Some((_, _, f)) = formats.iter().find(|(l, u, _)| l == lang && *u == utc) {
            return Some(f.clone());
        }
        let options = Object::new();
        Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
        if utc {
            Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
        }
        let locales = Array::of1(&JsValue::from_str(lang));
        let format = Intl::DateTimeFormat::new(&locales, &options).format();
        formats.push((lang.to_owned(), utc, format.clone()));
        Some(format)
    })?;
    format.call1(&JsValue::NULL, &date).ok()?.as_string()
}

/// A calendar date (`2018-04-04`) as `Intl.DateTimeFormat`'s medium date
/// shows it in American English ("Apr 4, 2018") and in Chinese
/// ("2018年4月4日"): the pre-render's formatting, and the widget's for these
/// languages; `None` for anything else.
#[must_use]
pub fn calendar_date(datetime: &str, lang: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if datetime.len() != 10 {
        return None;
    }
    let year: u32 = datetime.get(0..4)?.parse().ok()?;
    let month: usize = datetime.get(5..7)?.parse().ok()?;
    let day: u32 = datetime.get(8..10)?.parse().ok()?;
    let lang = lang.to_ascii_lowercase();
    if lang == "en" || lang == "en-us" {
        Some(format!(
            "{} {day}, {year}",
            MONTHS.get(month.checked_sub(1)?)?
        ))
    } else if lang == "zh" || lang.starts_with("zh-") {
        Some(format!("{year}年{month}月{day}日"))
    } else {
        None
    }
}

/// Without a browser (pre-rendering): calendar dates in English and
/// Chinese as the widget shows them; other languages and dates with a time
/// stay as written.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn format_date(datetime: &str, lang: &str) -> Option<String> {
    calendar_date(datetime, lang)
}
