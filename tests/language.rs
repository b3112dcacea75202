//! The language selector in a real browser: the choices, switching without
//! a reload, keeping the passage, remembering the choice, initial language.
#![cfg(target_arch = "wasm32")]
// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn stored() -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item("lectern:lang")
        .ok()?
}

/// A language choice: label, `lang`, `aria-current`, `href`.
type Choice = (String, Option<String>, Option<String>, Option<String>);

#[wasm_bindgen_test]
async fn choices_are_labelled_in_their_own_language_with_the_current_marked() {
    clear_storage();
    let root = mount(props(SAMPLE_EN));
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    let nav = find(&root, "nav.lc-lang").await;
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("Language"));
    // Real links to each version's page (`?lang=`), so they work before
    // the widget is live too.
    let choices = find_all(&nav, "a[href]");
    let labels: Vec<Choice> = choices
        .iter()
        .map(|b| {
            (
                text(b),
                b.get_attribute("lang"),
                b.get_attribute("aria-current"),
                b.get_attribute("href"),
            )
        })
        .collect();
    let link = |label: &str, lang: &str, current: bool| {
        (
            label.to_owned(),
            Some(lang.to_owned()),
            current.then(|| "true".to_owned()),
            Some(format!("?lang={lang}")),
        )
    };
    // Then the pairs (对照), labelled with both versions' labels, English
    // with each Chinese version.
    let pair = |label: &str, tag: &str| {
        (
            label.to_owned(),
            None,
            None,
            Some(format!("?lang={}", tag.replace('+', "%2B"))),
        )
    };
    assert_eq!(
        labels,
        vec![
            link("English", "en", true),
            link("简体", "zh-Hans", false),
            link("繁體", "zh-Hant", false),
            pair("English\u{a0}+\u{a0}简体", "en+zh-Hans"),
            pair("English\u{a0}+\u{a0}繁體", "en+zh-Hant"),
        ]
    );
}

#[wasm_bindgen_test]
async fn choosing_a_language_switches_in_place_and_is_remembered() {
    clear_storage();
    // A marker that a page reload would wipe.
    js_sys::Reflect::set(&js_sys::global(), &"lecternNoReload".into(), &JsValue::TRUE).unwrap();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let mut p = props(SAMPLE_EN);
    p.on_language_change = {
        let changes = Rc::clone(&changes);
        yew::Callback::from(move |lang: String| changes.borrow_mut().push(lang))
    };
    let root = mount(p);
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    button(&root, "简体").await.click();
    see_text(&root, "h2", SAMPLE_TITLE_ZH_HANS).await;
    let article = find(&root, "article").await;
    assert_eq!(article.get_attribute("lang").as_deref(), Some("zh-Hans"));
    assert_eq!(
        text(&find(&root, ".lc-article__category").await),
        "外交政策"
    );
    see_text(&root, ".lc-article__meta time", "2018年4月4日").await;
    assert_eq!(
        text(&find(&root, ".lc-article__reading-time").await),
        "阅读约需 4–5 分钟"
    );
    assert_eq!(text(&find(&root, ".lc-related__title").await), "猜你喜欢");
    assert_eq!(
        find(&root, "nav")
            .await
            .get_attribute("aria-label")
            .as_deref(),
        Some("语言")
    );
    let current = find(&root, ".lc-lang [aria-current=true]").await;
    assert_eq!(text(&current), "简体");
    assert_eq!(stored().as_deref(), Some("zh-Hans"));
    assert_eq!(*changes.borrow(), vec!["zh-Hans".to_owned()]);
    assert!(
        js_sys::Reflect::get(&js_sys::global(), &"lecternNoReload".into())
            .unwrap()
            .is_truthy()
    );

    // 繁體 says it was converted by machine.
    button(&root, "繁體").await.click();
    see_text(&root, "h2", SAMPLE_TITLE_ZH_HANT).await;
    assert_eq!(
        text(&find(&root, ".lc-lang__converted").await),
        "本版本由简体機器轉換。"
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_language_switch_keeps_the_reader_at_the_same_passage() {
    clear_storage();
    with_styles().await;
    let root = mount(props(SAMPLE_EN));
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    let window = web_sys::window().unwrap();
    // Bring paragraph 6 to the top of the viewport.
    let p6 = find(&root, "[data-block-id=p6]").await;
    let top = p6.get_bounding_client_rect().top() + window.scroll_y().unwrap();
    window.scroll_to_with_x_and_y(0.0, top - 10.0);
    wait_until("p6 at the top", || {
        p6.get_bounding_client_rect().top().abs() < 40.0
    })
    .await;
    // The selector is above; a keyboard user would reach it the same way.
    button(&root, "简体").await.click();
    see_text(&root, "h2", SAMPLE_TITLE_ZH_HANS).await;
    let p6 = find(&root, "[data-block-id=p6]").await;
    wait_until("the same passage in view", || {
        let rect = p6.get_bounding_client_rect();
        rect.top() < 60.0 && rect.bottom() > 0.0
    })
    .await;
    assert!(text(&p6).starts_with("在最新进展中"), "{}", text(&p6));
    window.scroll_to_with_x_and_y(0.0, 0.0);
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_attribute_language_wins_over_the_documents_own() {
    clear_storage();
    let mut p = props(SAMPLE_EN);
    p.lang = Some("zh-Hant".into());
    let root = mount(p);
    see_text(&root, "h2", SAMPLE_TITLE_ZH_HANT).await;
    assert_eq!(
        find(&root, "article")
            .await
            .get_attribute("lang")
            .as_deref(),
        Some("zh-Hant")
    );
}

#[wasm_bindgen_test]
async fn the_stored_choice_is_used_when_no_language_is_asked_for() {
    clear_storage();
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("lectern:lang", "zh-Hans")
        .unwrap();
    let root = mount(props(SAMPLE_EN));
    see_text(&root, "h2", SAMPLE_TITLE_ZH_HANS).await;
    clear_storage();
}

#[wasm_bindgen_test]
async fn auto_with_nothing_stored_follows_the_browser_then_the_document() {
    clear_storage();
    // This Chromium's navigator.languages is English: the en version of a
    // zh-Hans document is chosen through the browser's languages.
    let mut p = props(SAMPLE_ZH_HANS);
    p.lang = Some("auto".into());
    let root = mount(p);
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
}
