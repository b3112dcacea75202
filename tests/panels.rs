//! The author bio disclosure, back-to-top and the related strip, in a real
//! browser.
#![cfg(target_arch = "wasm32")]
// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use lectern::RelatedMode;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn press(element: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_bio_is_a_disclosure_that_escape_closes() {
    let root = mount(props(BLOCKS));
    let toggle = button(&root, "About the author").await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let panel_id = toggle.get_attribute("aria-controls").unwrap();
    let panel = find(&root, &format!("#{panel_id}")).await;
    assert!(panel.hidden());
    toggle.click();
    wait_until("the panel to open", || !panel.hidden()).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(text(&find(&panel, ".lc-bio__name").await), "Ada Example");
    assert_eq!(text(&find(&panel, ".lc-bio__role").await), "Test author");
    assert_eq!(text(&find(&panel, ".lc-bio__text").await), "Writes tests.");
    let avatar = find(&panel, "img").await;
    assert_eq!(
        avatar.get_attribute("alt").as_deref(),
        Some("Ada's portrait")
    );
    let profile = find(&panel, "a.lc-bio__profile").await;
    assert_eq!(
        profile.get_attribute("href").as_deref(),
        Some("https://example.org/ada")
    );
    let link: web_sys::Element = profile.unchecked_into();
    press(&link, "Escape");
    wait_until("Escape to close the panel", || panel.hidden()).await;
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(focused().is_some_and(|f| &f == AsRef::<web_sys::Element>::as_ref(&toggle)));
}

#[wasm_bindgen_test]
async fn back_to_top_appears_below_the_header_and_focuses_the_title() {
    clear_storage();
    with_styles().await;
    let root = mount(props(SAMPLE_EN));
    let title = see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    let back = find(&root, "a.lc-back-to-top").await;
    let window = web_sys::window().unwrap();
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let top = root.get_bounding_client_rect().top() + window.scroll_y().unwrap();
    window.scroll_to_with_x_and_y(0.0, top);
    wait_until("back-to-top hidden while the header shows", || {
        back.hidden()
    })
    .await;
    let p8 = find(&root, "[data-block-id=p8]").await;
    let y = p8.get_bounding_client_rect().top() + window.scroll_y().unwrap();
    window.scroll_to_with_x_and_y(0.0, y);
    wait_until("back-to-top to appear", || !back.hidden()).await;
    assert_eq!(text(&back), "↑ Back to Top");
    assert_eq!(
        back.get_attribute("href"),
        Some(format!("#{}", root.first_element_child().unwrap().id()))
    );
    let hash_before = window.location().hash().unwrap();
    back.click();
    wait_until("focus on the title", || {
        focused().is_some_and(|f| &f == AsRef::<web_sys::Element>::as_ref(&title))
    })
    .await;
    wait_until("the widget's top in view", || {
        root.get_bounding_client_rect().top().abs() < 5.0
    })
    .await;
    assert_eq!(
        window.location().hash().unwrap(),
        hash_before,
        "the page's hash is untouched"
    );
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn related_teasers_are_plain_links_by_default() {
    clear_storage();
    let root = mount(props(SAMPLE_EN));
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    let section = find(&root, "section.lc-related").await;
    let heading = find(&section, "h3").await;
    assert_eq!(text(&heading), "You might also like");
    assert_eq!(section.get_attribute("aria-labelledby"), Some(heading.id()));
    let teasers = find_all(&section, "li.lc-teaser");
    assert_eq!(teasers.len(), 4);
    let first = &teasers[0];
    assert_eq!(
        text(&find(first, ".lc-teaser__title").await),
        "How to Read a Summit Communiqué"
    );
    assert_eq!(
        text(&find(first, ".lc-teaser__category").await),
        "Foreign Policy"
    );
    see_text(first, "time", "Mar 28, 2018").await;
    assert!(text(&find(first, ".lc-teaser__dek").await).starts_with("Sample article"));
    let link = find(first, "a").await;
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(
        link.get_attribute("href"),
        Some(format!("{origin}/?article=reading-a-summit-communique"))
    );
}

#[wasm_bindgen_test]
async fn inline_related_articles_open_in_place_with_focus_on_the_title() {
    clear_storage();
    let mut p = props(SAMPLE_EN);
    p.related = RelatedMode::Inline;
    let root = mount(p);
    see_text(&root, "h2", SAMPLE_TITLE_EN).await;
    let link = find(&root, ".lc-teaser a").await;
    link.click();
    let title = see_text(
        &root,
        "h2.lc-article__title",
        "How to Read a Summit Communiqué",
    )
    .await;
    wait_until("focus on the new title", || {
        focused().is_some_and(|f| &f == AsRef::<web_sys::Element>::as_ref(&title))
    })
    .await;
    assert!(text(&find(&root, "[data-block-id=p1]").await).starts_with("This is sample text"));
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
}
