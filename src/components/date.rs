//! A date shown in the reader's language by the browser's own `Intl`
//! ("Apr 4, 2018", "2018年4月4日"). Without a browser (pre-rendering) it
//! shows the date as written; the effect then formats it.

use yew::prelude::*;

/// Properties of [`FormattedDate`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct FormattedDateProps {
    /// RFC 3339 date or date-time.
    pub datetime: AttrValue,
    /// The language to format in.
    pub lang: AttrValue,
    #[prop_or_default]
    pub class: Option<&'static str>,
}

/// `<time datetime>` with the date formatted for `lang`.
#[component]
pub fn FormattedDate(props: &FormattedDateProps) -> Html {
    let fallback = props
        .datetime
        .get(..10)
        .unwrap_or(&props.datetime)
        .to_owned();
    let text = use_state_eq(|| fallback.clone());
    {
        let text = text.clone();
        use_effect_with(
            (props.datetime.clone(), props.lang.clone()),
            move |(datetime, lang)| {
                text.set(format_date(datetime, lang).unwrap_or(fallback));
            },
        );
    }
    html! {
        <time class={props.class} datetime={props.datetime.clone()}>{ (*text).clone() }</time>
    }
}

/// Formats with `Intl.DateTimeFormat(lang, { dateStyle: "medium" })`. A date
/// without a time is a calendar date: it is formatted in UTC so that no time
/// zone moves it to the day before.
#[cfg(target_arch = "wasm32")]
fn format_date(datetime: &str, lang: &str) -> Option<String> {
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

#[cfg(not(target_arch = "wasm32"))]
fn format_date(_datetime: &str, _lang: &str) -> Option<String> {
    None
}
