//! The widget in a real browser: it fetches a document and shows it.
#![cfg(target_arch = "wasm32")]
// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{data_url, find, fresh_root, see_text};
use lectern::{Reader, ReaderProps};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = r#"{
  "format": "lectern.article/1",
  "id": "sample",
  "lang": "en",
  "title": "A title with <script>alert(1)</script> in it",
  "published": "2018-04-04",
  "authors": [],
  "body": []
}"#;

fn mount(src: String, heading_level: u8) -> web_sys::Element {
    let root = fresh_root();
    yew::Renderer::<Reader>::with_root_and_props(
        root.clone(),
        ReaderProps {
            src: src.into(),
            heading_level,
        },
    )
    .render();
    root
}

#[wasm_bindgen_test]
async fn fetches_the_document_and_shows_its_title_as_text() {
    let root = mount(data_url(ARTICLE), 2);
    let title = see_text(
        &root,
        "article h2",
        "A title with <script>alert(1)</script> in it",
    )
    .await;
    // Text stays text: no element was made from the title.
    assert_eq!(title.child_element_count(), 0);
    let article = find(&root, "article").await;
    assert_eq!(article.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn heading_level_follows_the_prop() {
    let root = mount(data_url(ARTICLE), 1);
    find(&root, "article h1").await;
    assert!(root.query_selector("h2").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_missing_document_shows_an_alert_without_retry() {
    let root = mount("/lectern-test-no-such-article.json".to_owned(), 2);
    let alert = find(&root, "[role=alert]").await;
    let message = alert.text_content().unwrap_or_default();
    assert!(
        message.contains("could not be found"),
        "alert says {message:?}"
    );
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_document_that_is_not_an_article_names_the_problem() {
    let root = mount(
        data_url(r#"{"format":"lectern.article/1","id":"x","lang":"en"}"#),
        2,
    );
    let alert = find(&root, "[role=alert]").await;
    let message = alert.text_content().unwrap_or_default();
    assert!(
        message.contains("title: required field is missing"),
        "alert says {message:?}"
    );
}
