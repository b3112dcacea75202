//! The reader in a real browser: loading, the header and every block type,
//! text that stays text, and errors a reader understands.
#![cfg(target_arch = "wasm32")]
// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn shows_a_skeleton_then_the_article_where_the_skeleton_was() {
    clear_storage();
    with_styles().await;
    let root = fresh_root();
    // Record the skeleton's title line as soon as it appears: the article may
    // arrive before any polling would see it.
    let seen: Rc<Cell<Option<(String, f64)>>> = Rc::new(Cell::new(None));
    let observer = {
        let (seen, root) = (Rc::clone(&seen), root.clone());
        Closure::<dyn FnMut()>::new(move || {
            if let Ok(Some(line)) = root.query_selector("[role=status] .lc-skeleton__line--title") {
                let status = root.query_selector("[role=status]").unwrap().unwrap();
                // Measured from the widget's own top: other tests' widgets
                // above it may still be settling.
                let top =
                    line.get_bounding_client_rect().top() - root.get_bounding_client_rect().top();
                seen.set(Some((text(&status), top)));
            }
        })
    };
    let mutations = web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    mutations.observe_with_options(&root, &options).unwrap();
    yew::Renderer::<lectern::Reader>::with_root_and_props(root.clone(), props(SAMPLE_EN)).render();
    let title = see_text(&root, "article h2", SAMPLE_TITLE_EN).await;
    mutations.disconnect();
    let (label, skeleton_top) = seen.take().expect("a skeleton was shown while loading");
    assert_eq!(label, "Loading the article…");
    assert!(root.query_selector(".lc-skeleton").unwrap().is_none());
    // The title takes the place of the skeleton's title line: nothing jumps.
    let title_top = title.get_bounding_client_rect().top() - root.get_bounding_client_rect().top();
    assert!(
        (title_top - skeleton_top).abs() < 4.0,
        "skeleton title at {skeleton_top}, title at {title_top}"
    );
}

#[wasm_bindgen_test]
async fn the_header_shows_category_title_dates_byline_and_reading_time() {
    clear_storage();
    let root = mount(props(SAMPLE_EN));
    let title = see_text(&root, "h2.lc-article__title", SAMPLE_TITLE_EN).await;
    let article = find(&root, "article").await;
    assert_eq!(article.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(article.get_attribute("aria-labelledby"), Some(title.id()));
    assert_eq!(
        text(&find(&root, ".lc-article__category").await),
        "Foreign Policy"
    );
    let date = see_text(&root, ".lc-article__meta time", "Apr 4, 2018").await;
    assert_eq!(
        date.get_attribute("datetime").as_deref(),
        Some("2018-04-04")
    );
    assert_eq!(
        text(&find(&root, ".lc-byline__name").await),
        "Sampson Oppedisano"
    );
    assert!(
        text(&find(&root, ".lc-byline__role").await).starts_with("Executive Assistant to the Dean")
    );
    assert_eq!(
        text(&find(&root, ".lc-article__reading-time").await),
        "4–5 min read"
    );
    assert_eq!(find_all(&root, ".lc-body__p").len(), 10);
}

#[wasm_bindgen_test]
async fn the_title_level_follows_the_prop() {
    clear_storage();
    let mut p = props(SAMPLE_EN);
    p.heading_level = 1;
    let root = mount(p);
    see_text(&root, "article h1", SAMPLE_TITLE_EN).await;
    // Section headings sit one level below the title.
    assert_eq!(
        text(&find(&root, ".lc-related h2").await),
        "You might also like"
    );
}

#[wasm_bindgen_test]
async fn every_block_type_renders_and_text_stays_text() {
    let root = mount(props(BLOCKS));
    let title = see_text(&root, "h2", "Every block <script>alert(1)</script>").await;
    assert_eq!(
        title.child_element_count(),
        0,
        "no element made from the title"
    );
    assert!(root.query_selector("script").unwrap().is_none());
    let category = find(&root, "a.lc-article__category").await;
    assert_eq!(text(&category), "Tests <b>");
    assert_eq!(
        category.get_attribute("href").as_deref(),
        Some("https://example.org/tests/")
    );
    assert_eq!(
        text(&find(&root, ".lc-article__dek").await),
        "A dek with <img src=x onerror=alert(1)>."
    );
    assert_eq!(
        find_all(&root, "img")
            .iter()
            .filter(|i| i.get_attribute("src").as_deref() == Some("x"))
            .count(),
        0
    );

    let p1 = find(&root, "[data-block-id=p1]").await;
    assert_eq!(text(&find(&p1, "em").await), "emphasis");
    assert_eq!(text(&find(&p1, "strong").await), "strong");
    assert_eq!(text(&find(&p1, "code").await), "code()");
    // The text's own links (not the block's link to itself).
    let links = find_all(&p1, "a:not(.lc-block__link)");
    let hrefs: Vec<String> = links
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(
        hrefs,
        vec![
            "https://example.org/x".to_owned(),
            format!("{origin}/local")
        ]
    );
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(
        links[1].get_attribute("rel"),
        None,
        "a same-origin link keeps its referrer"
    );
    assert!(
        text(&p1).contains("a bad link") && text(&p1).contains("a sneaky link"),
        "blocked links stay as text"
    );

    // Content headings 2 and 3 nest below the h2 title.
    assert_eq!(
        text(&find(&root, "[data-block-id=h1] > h3").await),
        "A section"
    );
    assert_eq!(
        text(&find(&root, "[data-block-id=h2] > h4").await),
        "A subsection"
    );
    assert_eq!(text(&find(&root, "blockquote cite").await), "A source");
    assert_eq!(find_all(&root, "[data-block-id=l1] > ol li").len(), 2);
    assert_eq!(
        text(&find(&root, "[data-block-id=l2] > ul li").await),
        "bullet"
    );
    let img = find(&root, "[data-block-id=i1] img").await;
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("640"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("360"));
    assert_eq!(img.get_attribute("alt").as_deref(), Some("A picture"));
    assert!(
        text(&find(&root, "[data-block-id=i1] figcaption").await).contains("A caption. A credit")
    );
    let blocked = find(&root, "[data-block-id=i2]").await;
    assert!(blocked.query_selector("img").unwrap().is_none());
    assert_eq!(text(&find(&blocked, "figure").await), "A blocked picture");
    find(&root, "[data-block-id=r1] > hr").await;
    assert!(
        root.query_selector("[data-block-id=t1]").unwrap().is_none(),
        "unknown blocks are skipped"
    );
    assert_eq!(
        text(&find(&root, "[data-block-id=p2] > p").await),
        "The end."
    );
    // Updated date-times are shown too.
    let times = find_all(&root, ".lc-article__meta time");
    assert_eq!(
        times[1].get_attribute("datetime").as_deref(),
        Some("2018-04-05T09:30:00Z")
    );
}

#[wasm_bindgen_test]
async fn a_missing_document_shows_an_alert_without_retry() {
    let root = mount(props("/lectern-test-no-such-article.json"));
    let alert = find(&root, "[role=alert]").await;
    assert_eq!(text(&alert), "This article could not be found.");
    assert!(root.query_selector("button").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_document_that_is_not_an_article_names_the_problem() {
    let root = mount(props(&data_url(
        r#"{"format":"lectern.article/1","id":"x","lang":"en","published":"2018-04-04","authors":[],"body":[]}"#,
    )));
    let alert = find(&root, "[role=alert]").await;
    assert!(
        text(&alert).contains("title: required field is missing"),
        "{}",
        text(&alert)
    );
    assert!(text(&alert).starts_with("This is not an article Lectern can read."));
}

#[wasm_bindgen_test]
async fn another_format_version_is_refused_clearly() {
    let root = mount(props(&data_url(r#"{"format":"lectern.article/2"}"#)));
    let alert = find(&root, "[role=alert]").await;
    assert!(
        text(&alert)
            .contains("format: expected \"lectern.article/1\", found \"lectern.article/2\""),
        "{}",
        text(&alert)
    );
}

#[wasm_bindgen_test]
async fn json_that_is_broken_is_refused_in_plain_words_with_the_detail_for_the_host() {
    let reported = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let mut p = props(&data_url("{\"format\": "));
    p.on_error = {
        let reported = Rc::clone(&reported);
        yew::Callback::from(move |(message, _saved): (String, bool)| {
            reported.borrow_mut().push(message);
        })
    };
    let root = mount(p);
    let alert = find(&root, "[role=alert]").await;
    // The reader reads plain words; the parser's detail goes to the host.
    assert_eq!(
        text(&find(&alert, "p").await),
        "This is not an article Lectern can read."
    );
    let reported = reported.borrow();
    assert!(
        reported.len() == 1 && reported[0].contains("not valid JSON"),
        "{reported:?}"
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_server_offers_retry() {
    // Nothing listens on port 9 of this machine: the request fails at once.
    let mut p = props("http://127.0.0.1:9/article.json");
    p.lang = Some("zh-Hans".into());
    let root = mount(p);
    let alert = find(&root, "[role=alert]").await;
    assert_eq!(
        text(&find(&alert, "p").await),
        "网络似乎已断开，文章无法加载。"
    );
    // Retrying asks again: the alert gives way to the loading state, then
    // comes back (the network is still down), never a blank widget. The
    // alert that was there before the click proves nothing by itself.
    let loading_seen = Rc::new(Cell::new(false));
    let observer = {
        let (seen, root) = (Rc::clone(&loading_seen), root.clone());
        Closure::<dyn FnMut()>::new(move || {
            if let Ok(Some(_)) = root.query_selector("[role=status]") {
                seen.set(true);
            }
        })
    };
    let mutations = web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_attributes(true);
    mutations.observe_with_options(&root, &options).unwrap();
    button(&root, "重试").await.click();
    wait_until("the loading state after Retry", || loading_seen.get()).await;
    wait_until("the alert to come back", || {
        matches!(root.query_selector("[role=alert]"), Ok(Some(_)))
    })
    .await;
    mutations.disconnect();
}
