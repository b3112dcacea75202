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
/// zone moves it to the day before.
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn format_date(datetime: &str, lang: &str) -> Option<String> {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    let date = Date::new(&JsValue::from_str(datetime));
    if date.get_time().is_nan() {
        return None;
    }
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
    if datetime.len() == 10 {
        Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
    }
    let locales = Array::of1(&JsValue::from_str(lang));
    let format = Intl::DateTimeFormat::new(&locales, &options).format();
    format.call1(&JsValue::NULL, &date).ok()?.as_string()
}

/// Without a browser (pre-rendering), a calendar date is formatted as
/// `Intl.DateTimeFormat` formats it in English and Chinese, so that the
/// pre-render shows what the widget will; other languages and dates with a
/// time (shown in the reader's time zone) stay as written.
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn format_date(datetime: &str, lang: &str) -> Option<String> {
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
    if lang == "en" || lang.starts_with("en-") {
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
