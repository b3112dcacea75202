#![allow(clippy::unwrap_used)]

use super::*;
use crate::model::{check_value, Resolver, WhatwgUrl};
use crate::settings::Settings;

const BASE: &str = "https://example.org/a/";

fn doc(lang: &str) -> Doc {
    let json = serde_json::json!({
        "format": "lectern.article/1", "id": "a", "lang": lang, "title": format!("title {lang}"),
        "published": "2018-04-04", "authors": [{ "name": "A" }],
        "translations": [
            { "lang": "en", "label": "English", "href": "en.json" },
            { "lang": "zh-Hans", "label": "简体", "href": "zh-Hans.json" },
            { "lang": "zh-Hant", "label": "繁體", "href": "zh-Hant.json" }
        ],
        "body": [{ "type": "paragraph", "id": "p1", "text": ["x"] }]
    });
    let base = format!("{BASE}{lang}.json");
    Doc::new(check_value(&json, &Resolver::new(&WhatwgUrl, Some(&base))).unwrap())
}

fn url(lang: &str) -> String {
    format!("{BASE}{lang}.json")
}

fn prefs(browser: &[&str]) -> Rc<Prefs> {
    Rc::new(Prefs {
        stored: None,
        browser: browser.iter().map(ToString::to_string).collect(),
        settings: Settings::default(),
        ..Prefs::default()
    })
}

fn pending(state: &State) -> (String, Why, u32) {
    let p = state.pending.clone().unwrap();
    (p.url, p.why, p.ticket)
}

fn shown_lang(state: &State) -> Option<String> {
    state.shown.as_ref().map(|s| s.doc.lang.to_string())
}

fn loaded(state: State, lang: &str) -> State {
    let ticket = state.pending.as_ref().unwrap().ticket;
    state.next(Action::Loaded {
        ticket,
        doc: doc(lang),
        passage: None,
    })
}

#[test]
fn a_reader_who_prefers_another_version_never_sees_the_first_one() {
    let state = State::new(&url("en"), None, prefs(&["zh-TW"]), None);
    assert_eq!(
        state.ui_tag(),
        "zh-Hant",
        "the skeleton speaks 繁體 from the first frame"
    );
    let state = loaded(state, "en");
    assert_eq!(shown_lang(&state), None, "English is not shown");
    assert_eq!(pending(&state).0, url("zh-Hant"));
    let state = loaded(state, "zh-Hant");
    assert_eq!(shown_lang(&state).as_deref(), Some("zh-Hant"));
    assert!(state.pending.is_none());
}

#[test]
fn a_prerender_in_the_wrong_language_stays_until_the_preferred_version_arrives() {
    let state = State::new(&url("en"), None, prefs(&["zh-TW"]), Some(doc("en")));
    assert_eq!(state.shown.as_ref().unwrap().source, Source::Prerender);
    assert_eq!(pending(&state).1, Why::Version, "the passage is kept");
    assert_eq!(pending(&state).0, url("zh-Hant"));
    let state = loaded(state, "zh-Hant");
    assert_eq!(shown_lang(&state).as_deref(), Some("zh-Hant"));
    assert_eq!(state.shown.as_ref().unwrap().source, Source::Network);
}

#[test]
fn a_prerender_in_the_preferred_language_needs_no_request() {
    let state = State::new(&url("en"), Some("auto"), prefs(&["en-GB"]), Some(doc("en")));
    assert!(state.pending.is_none());
    assert_eq!(state.shows, 1);
}

#[test]
fn a_failed_switch_keeps_the_article_and_retry_asks_again() {
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::ChooseLanguage("zh-Hans".into(), None));
    let (_, _, ticket) = pending(&state);
    let state = state.next(Action::Failed {
        ticket,
        error: LoadError::Network,
        saved: Some((doc("zh-Hans"), "yesterday".into())),
    });
    assert_eq!(
        shown_lang(&state).as_deref(),
        Some("en"),
        "the article stays"
    );
    assert!(state.failure.is_some());
    // Another choice still works, and drops the failure.
    let other = state
        .clone()
        .next(Action::ChooseLanguage("zh-Hant".into(), None));
    assert!(other.failure.is_none());
    assert_eq!(pending(&other).0, url("zh-Hant"));
    // Retry asks for the failed version again, with a new ticket.
    let state = state.next(Action::Retry);
    assert_eq!(pending(&state).0, url("zh-Hans"));
    assert_ne!(pending(&state).2, ticket);
}

#[test]
fn a_stale_answer_never_wins() {
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::ChooseLanguage("zh-Hans".into(), None));
    let (_, _, old) = pending(&state);
    let state = state.next(Action::ChooseLanguage("zh-Hant".into(), None));
    let state = state.next(Action::Loaded {
        ticket: old,
        doc: doc("zh-Hans"),
        passage: None,
    });
    assert_eq!(shown_lang(&state).as_deref(), Some("en"));
    let state = loaded(state, "zh-Hant");
    assert_eq!(shown_lang(&state).as_deref(), Some("zh-Hant"));
}

#[test]
fn set_language_negotiates_before_and_after_the_first_document() {
    // Before: the first document is negotiated with it on arrival.
    let state = State::new(&url("en"), None, prefs(&[]), None);
    let state = state.next(Action::SetLanguage("zh-TW".into()));
    let state = loaded(state, "en");
    assert_eq!(pending(&state).0, url("zh-Hant"));
    let state = loaded(state, "zh-Hant");
    // After, and repeated after the reader chose another version in the UI.
    let state = state.next(Action::SetLanguage("en".into()));
    let state = loaded(state, "en");
    let state = state.next(Action::ChooseLanguage("zh-Hans".into(), None));
    let state = loaded(state, "zh-Hans");
    let state = state.next(Action::SetLanguage("en".into()));
    assert_eq!(pending(&state).0, url("en"));
    // The language on screen: nothing to load.
    let state = loaded(state, "en").next(Action::SetLanguage("en-US".into()));
    assert!(state.pending.is_none());
}

#[test]
fn the_passage_is_kept_for_a_version_and_the_title_focused_for_a_related_article() {
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::ChooseLanguage("zh-Hans".into(), None));
    let passage = Passage {
        id: None,
        index: 3,
        top: 12.0,
    };
    let ticket = pending(&state).2;
    let state = state.next(Action::Loaded {
        ticket,
        doc: doc("zh-Hans"),
        passage: Some(passage.clone()),
    });
    assert_eq!(state.after, After::KeepPassage(passage));
    let state = state.next(Action::OpenRelated(url("en")));
    let state = loaded(state, "zh-Hans");
    assert_eq!(state.after, After::FocusTitle);
}

#[test]
fn a_failed_first_load_shows_the_failure_in_the_preferred_ui_language() {
    let state = State::new(&url("en"), Some("zh-Hans"), prefs(&[]), None);
    let ticket = pending(&state).2;
    let state = state.next(Action::Failed {
        ticket,
        error: LoadError::Server(503),
        saved: None,
    });
    assert!(state.shown.is_none());
    assert_eq!(state.ui().tag, "zh-Hans");
    let state = state.next(Action::Retry);
    assert_eq!(pending(&state).1, Why::First);
}

#[test]
fn a_saved_copy_shows_only_when_nothing_else_does_and_gives_way_to_the_network() {
    let state = State::new(&url("en"), Some("en"), prefs(&[]), None);
    let ticket = pending(&state).2;
    let state = state.next(Action::Failed {
        ticket,
        error: LoadError::Network,
        saved: Some((doc("en"), "Nov 28, 2026".into())),
    });
    assert_eq!(state.shown.as_ref().unwrap().source, Source::Saved);
    assert_eq!(state.saved.as_deref(), Some("Nov 28, 2026"));
    assert!(
        state.failure.is_some(),
        "the failure is still said, with Retry"
    );
    let state = loaded(state.next(Action::Retry), "en");
    assert_eq!(state.shown.as_ref().unwrap().source, Source::Network);
    assert_eq!(state.saved, None);
}

fn second_lang(state: &State) -> Option<String> {
    state.second.as_ref().map(|s| s.doc.lang.to_string())
}

#[allow(clippy::unnecessary_wraps)] // as the actions take it
fn passage() -> Option<Passage> {
    Some(Passage {
        id: Some("p1".into()),
        index: 0,
        top: 40.0,
    })
}

#[test]
fn a_pair_fetches_its_second_version_beside_the_first_and_leaves_without_a_request() {
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::ChooseLanguage("en+zh-Hans".into(), passage()));
    assert_eq!(pending(&state).0, url("zh-Hans"));
    assert_eq!(pending(&state).1, Why::Partner);
    assert_eq!(
        shown_lang(&state).as_deref(),
        Some("en"),
        "English stays while 简体 comes"
    );
    let state = loaded(state, "zh-Hans");
    assert_eq!(shown_lang(&state).as_deref(), Some("en"));
    assert_eq!(second_lang(&state).as_deref(), Some("zh-Hans"));
    assert_eq!(state.current_choice().as_deref(), Some("en+zh-Hans"));
    // Back to one language: nothing to load, the passage kept.
    let afters = state.afters;
    let state = state.next(Action::ChooseLanguage("en".into(), passage()));
    assert!(state.pending.is_none() && state.second.is_none());
    assert_eq!(state.after, After::KeepPassage(passage().unwrap()));
    assert_ne!(state.afters, afters, "the passage is restored once more");
    // Into the pair again: the partner is fetched again only if not cached
    // (the loader's business); and out to its second language at once.
    let state = loaded(
        state.next(Action::ChooseLanguage("en+zh-Hans".into(), None)),
        "zh-Hans",
    );
    let shows = state.shows;
    let state = state.next(Action::ChooseLanguage("zh-Hans".into(), passage()));
    assert!(state.pending.is_none());
    assert_eq!(shown_lang(&state).as_deref(), Some("zh-Hans"));
    assert_eq!(state.shows, shows + 1);
    assert!(state.second.is_none());
}

#[test]
fn a_pair_from_another_version_loads_the_first_then_keeps_the_one_on_screen_as_partner() {
    let state = State::new(&url("zh-Hans"), None, prefs(&[]), Some(doc("zh-Hans")));
    let state = state.next(Action::ChooseLanguage("en+zh-Hans".into(), None));
    assert_eq!(pending(&state).0, url("en"));
    let state = loaded(state, "en");
    assert!(
        state.pending.is_none(),
        "简体 was on screen: no second request"
    );
    assert_eq!(second_lang(&state).as_deref(), Some("zh-Hans"));
    // Swapping the pair's order needs nothing either.
    let state = state.next(Action::ChooseLanguage("zh-Hans+en".into(), None));
    assert!(state.pending.is_none());
    assert_eq!(shown_lang(&state).as_deref(), Some("zh-Hans"));
    assert_eq!(second_lang(&state).as_deref(), Some("en"));
}

#[test]
fn a_pair_is_negotiated_part_by_part_wherever_a_language_is_accepted() {
    // data-lectern-lang / ?lang= (a URL's `+` decodes as a space).
    for asked in ["en+zh-TW", "en zh-Hant"] {
        let state = State::new(&url("en"), Some(asked), prefs(&[]), Some(doc("en")));
        assert_eq!(
            pending(&state),
            (url("zh-Hant"), Why::Partner, pending(&state).2),
            "{asked}"
        );
    }
    // The stored choice, when nothing is asked for.
    let stored = Rc::new(Prefs {
        stored: Some("zh-Hans+en".into()),
        ..Prefs::default()
    });
    let state = State::new(&url("en"), None, stored, Some(doc("en")));
    assert_eq!(pending(&state).0, url("zh-Hans"));
    let state = loaded(state, "zh-Hans");
    assert!(
        state.pending.is_none(),
        "the English on screen is the partner"
    );
    assert_eq!(second_lang(&state).as_deref(), Some("en"));
    // setLanguage().
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::SetLanguage("en+zh-Hans".into()));
    assert_eq!(pending(&state).1, Why::Partner);
    // A pair of one language, or of a version the article lacks, is not one.
    let state = State::new(&url("en"), Some("en+en"), prefs(&[]), Some(doc("en")));
    assert!(state.pending.is_none());
    let state = state.next(Action::ChooseLanguage("en+fr".into(), None));
    assert!(state.pending.is_none() && state.wanted.as_deref() == Some("en+en"));
}

#[test]
fn a_failed_second_half_keeps_the_first_language_with_retry() {
    let state = State::new(&url("en"), None, prefs(&[]), Some(doc("en")));
    let state = state.next(Action::ChooseLanguage("en+zh-Hans".into(), None));
    let ticket = pending(&state).2;
    let state = state.next(Action::Failed {
        ticket,
        error: LoadError::Server(503),
        saved: None,
    });
    assert_eq!(shown_lang(&state).as_deref(), Some("en"));
    assert!(state.second.is_none());
    assert_eq!(state.failure.as_ref().unwrap().request.why, Why::Partner);
    let state = loaded(state.next(Action::Retry), "zh-Hans");
    assert_eq!(second_lang(&state).as_deref(), Some("zh-Hans"));
    assert!(state.failure.is_none());
}

#[test]
fn a_fragment_targets_a_block_of_this_article_and_stays_across_versions() {
    let state = State::new(&url("en"), None, prefs(&[]), None);
    // Before the document: remembered, scrolled to once it is shown.
    let state = state.next(Action::Fragment {
        fragment: "#lectern-a-p1".into(),
        scroll: true,
    });
    assert_eq!(state.target(), None);
    let state = loaded(state, "en");
    assert_eq!(state.target(), Some("p1"));
    assert_eq!(state.after, After::ScrollToTarget);
    let state = loaded(
        state.next(Action::ChooseLanguage("zh-Hant".into(), None)),
        "zh-Hant",
    );
    assert_eq!(state.target(), Some("p1"), "kept across a switch");
    // Another article's block, or anything else, targets nothing.
    for other in ["#lectern-b-p1", "#p1", "#lectern-a-", "#lectern-a-p 1"] {
        let state = state.clone().next(Action::Fragment {
            fragment: other.into(),
            scroll: true,
        });
        assert_eq!(state.target(), None, "{other}");
    }
    // A link activated marks without scrolling.
    let afters = state.afters;
    let state = state.next(Action::Fragment {
        fragment: "#lectern-a-p1".into(),
        scroll: false,
    });
    assert_eq!(state.afters, afters);
}
