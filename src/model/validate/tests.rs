//! Table-driven tests of the checker: good documents, and broken ones with
//! the exact path and problem a publisher is told.

use serde_json::{json, Value};

use super::*;
use crate::model::{BlockKind, MAX_DOCUMENT_BYTES};

use crate::model::WhatwgUrl;

fn base() -> Resolver<'static> {
    Resolver::new(
        &WhatwgUrl,
        Some("https://example.org/articles/china/en.json"),
    )
}

/// A valid document with every field of the contract.
pub fn full() -> Value {
    json!({
        "format": "lectern.article/1",
        "id": "china",
        "lang": "en",
        "translations": [
            { "lang": "en", "label": "English", "href": "en.json" },
            { "lang": "zh-Hans", "label": "简体", "href": "zh-Hans.json" },
            { "lang": "zh-Hant", "label": "繁體", "href": "zh-Hant.json", "converted_from": "zh-Hans" }
        ],
        "url": "https://example.org/foreign-policy/china",
        "category": { "name": "Foreign Policy", "href": "/foreign-policy/" },
        "title": "China’s Opportunity <script>",
        "dek": "A standfirst.",
        "published": "2018-04-04",
        "updated": "2018-04-05T09:30:00Z",
        "authors": [{
            "name": "Sampson Oppedisano",
            "role": "Executive Assistant",
            "bio": ["A ", { "text": "bio", "em": true }],
            "avatar": { "src": "avatars/s.jpg", "alt": "" },
            "href": "https://example.org/authors/s"
        }],
        "body": [
            { "type": "paragraph", "id": "p1", "text": "Plain." },
            { "type": "paragraph", "id": "p2", "text": [
                "Rich ", { "text": "em", "em": true }, { "text": "strong", "strong": true },
                { "text": "code", "code": true }, { "text": "link", "href": "https://example.org/" },
                { "text": "bad link", "href": "javascript:alert(1)" }
            ] },
            { "type": "heading", "level": 2, "text": "A section" },
            { "type": "quote", "text": "Quoted.", "cite": "Source" },
            { "type": "list", "ordered": true, "items": ["one", ["two ", { "text": "2", "code": true }]] },
            { "type": "image", "src": "img/a.jpg", "alt": "Leaders", "caption": "Caption",
              "credit": "Photographer", "width": 1200, "height": 800 },
            { "type": "rule" },
            { "type": "carousel", "id": "c1", "slides": [] }
        ],
        "related": [{
            "title": "Another", "href": "https://example.org/another",
            "article": "../another/en.json", "category": "Foreign Policy",
            "published": "2018-03-28", "image": { "src": "img/b.jpg", "alt": "" },
            "dek": "Summary."
        }],
        "unknown_field": { "ignored": true }
    })
}

#[test]
fn a_full_document_is_checked_into_an_article() {
    let article = check_value(&full(), &base()).unwrap();
    assert_eq!(article.id.as_str(), "china");
    assert_eq!(article.title, "China’s Opportunity <script>");
    assert_eq!(article.translations.len(), 3);
    assert_eq!(
        article.translations[1].href.as_ref().unwrap().as_str(),
        "https://example.org/articles/china/zh-Hans.json"
    );
    assert_eq!(
        article.translations[2]
            .converted_from
            .as_ref()
            .unwrap()
            .as_str(),
        "zh-Hans"
    );
    assert_eq!(
        article
            .category
            .as_ref()
            .unwrap()
            .href
            .as_ref()
            .unwrap()
            .as_str(),
        "https://example.org/foreign-policy/"
    );
    assert_eq!(article.body.len(), 7, "the unknown block is skipped");
    assert_eq!(article.skipped_blocks, vec!["carousel".to_owned()]);
    let BlockKind::Paragraph { text } = &article.body[1].kind else {
        panic!("a paragraph")
    };
    assert_eq!(text.len(), 6);
    assert!(text[1].em && text[2].strong && text[3].code);
    assert_eq!(
        text[4].href.as_ref().unwrap().as_str(),
        "https://example.org/"
    );
    assert_eq!(text[5].href, None, "javascript: loses its link");
    assert_eq!(text[5].text, "bad link", "but keeps its text");
    let BlockKind::Image { image, width, .. } = &article.body[5].kind else {
        panic!("an image")
    };
    assert_eq!(
        image.src.as_ref().unwrap().as_str(),
        "https://example.org/articles/china/img/a.jpg"
    );
    assert_eq!(*width, Some(1200));
    assert_eq!(
        article.related[0].article.as_ref().unwrap().as_str(),
        "https://example.org/articles/another/en.json"
    );
}

/// Applies `edit` to the full document and returns the problems, as text.
fn problems_after(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut doc = full();
    edit(&mut doc);
    match check_value(&doc, &base()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn each_broken_rule_is_named_with_its_path() {
    type Edit = fn(&mut Value);
    let cases: Vec<(Edit, &str)> = vec![
        (|d| d["format"] = json!("lectern.article/2"), "format: expected \"lectern.article/1\", found \"lectern.article/2\": this widget reads only version 1"),
        (|d| { d.as_object_mut().unwrap().remove("format"); }, "format: required field is missing"),
        (|d| { d.as_object_mut().unwrap().remove("title"); }, "title: required field is missing"),
        (|d| d["title"] = json!(7), "title: expected a string, found a number"),
        (|d| d["id"] = json!(""), "id: must not be empty"),
        (|d| d["lang"] = json!("en_US"), "lang: \"en_US\" is not a BCP 47 language tag"),
        (|d| d["published"] = json!("Apr 04, 2018"), "published: \"Apr 04, 2018\" is not an RFC 3339 date (2018-04-04) or date-time (2018-04-05T09:30:00Z)"),
        (|d| d["updated"] = json!("2018-02-30"), "updated: \"2018-02-30\" is not an RFC 3339 date (2018-04-04) or date-time (2018-04-05T09:30:00Z)"),
        (|d| { d.as_object_mut().unwrap().remove("authors"); }, "authors: required field is missing"),
        (|d| d["authors"] = json!({}), "authors: expected an array, found an object"),
        (|d| d["authors"][0] = json!({ "role": "x" }), "authors[0].name: required field is missing"),
        (|d| d["authors"][0]["bio"] = json!(3), "authors[0].bio: expected a string or a list of spans, found a number"),
        (|d| d["authors"][0]["avatar"] = json!({ "src": "a.jpg" }), "authors[0].avatar.alt: required field is missing"),
        (|d| d["translations"][1]["lang"] = json!("zh Hans"), "translations[1].lang: \"zh Hans\" is not a BCP 47 language tag"),
        (|d| { d["translations"][0].as_object_mut().unwrap().remove("href"); }, "translations[0].href: required field is missing"),
        (|d| d["translations"][2]["converted_from"] = json!(true), "translations[2].converted_from: expected a string, found a boolean"),
        (|d| d["category"] = json!("Foreign Policy"), "category: expected an object, found a string"),
        (|d| d["body"] = json!("text"), "body: expected an array, found a string"),
        (|d| d["body"][2]["level"] = json!(7), "body[2].level: expected 2, 3 or 4, found 7"),
        (|d| d["body"][2]["level"] = json!(1), "body[2].level: expected 2, 3 or 4, found 1"),
        (|d| d["body"][2]["level"] = json!("2"), "body[2].level: expected 2, 3 or 4, found a string"),
        (|d| d["body"][0]["id"] = json!("p2"), "body[1].id: \"p2\" is already the id of an earlier block"),
        (|d| d["body"][0]["id"] = json!("p 1"), "body[0].id: \"p 1\" is not 1 to 64 letters, digits, \"-\" or \"_\""),
        (|d| d["body"][0]["id"] = json!("x".repeat(65)), "body[0].id: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" is not 1 to 64 letters, digits, \"-\" or \"_\""),
        (|d| d["body"][0] = json!({ "text": "no type" }), "body[0].type: required field is missing"),
        (|d| d["body"][0] = json!("just text"), "body[0]: expected an object, found a string"),
        (|d| d["body"][1]["text"][1]["em"] = json!("yes"), "body[1].text[1].em: expected true or false, found a string"),
        (|d| d["body"][1]["text"][1] = json!(5), "body[1].text[1]: expected a string or a span object, found a number"),
        (|d| { d["body"][1]["text"][1].as_object_mut().unwrap().remove("text"); }, "body[1].text[1].text: required field is missing"),
        (|d| d["body"][4]["items"] = json!("one"), "body[4].items: expected an array, found a string"),
        (|d| d["body"][4]["items"][0] = json!(1), "body[4].items[0]: expected a string or a list of spans, found a number"),
        (|d| { d["body"][5].as_object_mut().unwrap().remove("alt"); }, "body[5].alt: required field is missing"),
        (|d| d["body"][5]["width"] = json!(-3), "body[5].width: expected a whole number of pixels, 1 or more, found a number"),
        (|d| d["body"][5]["height"] = json!("800"), "body[5].height: expected a whole number of pixels, 1 or more, found a string"),
        (|d| d["related"][0] = json!({ "href": "https://example.org/" }), "related[0].title: required field is missing"),
        (|d| d["related"][0]["published"] = json!("yesterday"), "related[0].published: \"yesterday\" is not an RFC 3339 date (2018-04-04) or date-time (2018-04-05T09:30:00Z)"),
        (|d| *d = json!([1, 2]), "(document): expected an object, found an array"),
    ];
    for (edit, expected) in cases {
        let problems = problems_after(edit);
        assert_eq!(
            problems.first().map(String::as_str),
            Some(expected),
            "all: {problems:?}"
        );
    }
}

/// Every block after the first with an id is named, whatever the order of
/// the ids, and blocks with ids of their own are not (a sorted list kept by
/// insertion was quadratic here: 150,000 ids in falling order took seconds).
#[test]
fn each_repeated_block_id_is_named_once_at_its_block() {
    let problems = problems_after(|d| {
        let body = d["body"].as_array_mut().unwrap();
        let rule = |id: &str| json!({ "type": "rule", "id": id });
        body.clear();
        body.extend((0..2000).rev().map(|n| rule(&format!("r{n}"))));
        body.extend([rule("r7"), rule("a"), rule("r7"), rule("r1999")]);
    });
    assert_eq!(
        problems,
        vec![
            "body[2000].id: \"r7\" is already the id of an earlier block",
            "body[2002].id: \"r7\" is already the id of an earlier block",
            "body[2003].id: \"r1999\" is already the id of an earlier block",
        ]
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let problems = problems_after(|d| {
        d["title"] = json!(1);
        d["body"][2]["level"] = json!(9);
        d["related"][0]["title"] = json!(null);
    });
    assert_eq!(
        problems,
        vec![
            "title: expected a string, found a number",
            "body[2].level: expected 2, 3 or 4, found 9",
            "related[0].title: expected a string, found null",
        ]
    );
}

fn disallowed_urls(d: &mut Value) {
    d["url"] = json!("javascript:alert(1)");
    d["category"]["href"] = json!("data:text/html,x");
    d["authors"][0]["href"] = json!("  java\tscript:alert(1)");
    d["body"][5]["src"] = json!("javascript:alert(1)");
    d["related"][0]["href"] = json!("vbscript:x");
}

#[test]
fn disallowed_urls_lose_their_link_but_are_not_errors() {
    let mut doc = full();
    disallowed_urls(&mut doc);
    let article = check_value(&doc, &base()).unwrap();
    assert_eq!(article.url, None);
    assert_eq!(article.category.unwrap().href, None);
    assert_eq!(article.authors[0].href, None);
    let BlockKind::Image { image, .. } = &article.body[5].kind else {
        panic!("an image")
    };
    assert_eq!(image.src, None);
    assert_eq!(image.alt, "Leaders", "the alt text stays");
    assert_eq!(article.related[0].href, None);
    assert_eq!(article.related[0].title, "Another", "the title stays");
}

#[test]
fn bytes_are_checked_for_size_and_json_first() {
    let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
    assert_eq!(
        parse_article(&big, &base()),
        Err(ContentError::TooLarge {
            bytes: MAX_DOCUMENT_BYTES + 1
        })
    );
    assert!(matches!(
        parse_article(b"{not json", &base()),
        Err(ContentError::NotJson(_))
    ));
    assert!(matches!(
        parse_article(b"", &base()),
        Err(ContentError::NotJson(_))
    ));
    let doc = serde_json::to_vec(&full()).unwrap();
    assert!(parse_article(&doc, &base()).is_ok());
}

#[test]
fn whole_floats_count_as_integers_like_json_schema() {
    let problems = problems_after(|d| {
        d["body"][2]["level"] = json!(3.0);
        d["body"][5]["width"] = json!(1200.0);
    });
    assert!(problems.is_empty(), "{problems:?}");
    let problems = problems_after(|d| d["body"][2]["level"] = json!(2.5));
    assert_eq!(
        problems,
        vec!["body[2].level: expected 2, 3 or 4, found 2.5"]
    );
}

#[test]
fn the_error_message_names_the_first_problem_and_counts_the_rest() {
    let err = ContentError::Invalid(vec![
        Problem {
            path: "a".into(),
            message: "x".into(),
        },
        Problem {
            path: "b".into(),
            message: "y".into(),
        },
        Problem {
            path: "c".into(),
            message: "z".into(),
        },
    ]);
    assert_eq!(err.to_string(), "a: x (and 2 more problems)");
}

/// Random and truncated inputs never panic the checker.
#[test]
fn no_input_panics() {
    let doc = serde_json::to_string(&full()).unwrap();
    for end in 0..doc.len() {
        if doc.is_char_boundary(end) {
            let _ = parse_article(&doc.as_bytes()[..end], &base());
        }
    }
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let values = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!(""),
        json!("x"),
        json!([]),
        json!({}),
        json!([1]),
        json!({"text": 1}),
    ];
    let paths: Vec<Vec<&str>> = vec![
        vec!["title"],
        vec!["body"],
        vec!["authors"],
        vec!["related"],
        vec!["translations"],
        vec!["category"],
        vec!["published"],
        vec!["lang"],
        vec!["format"],
        vec!["dek"],
    ];
    for _ in 0..2000 {
        let mut doc = full();
        let path = &paths[usize::try_from(next() % 10).unwrap()];
        let value = values[usize::try_from(next() % 10).unwrap()].clone();
        doc[path[0]] = value;
        let _ = check_value(&doc, &base());
        let _ = check_value(&doc, &Resolver::new(&WhatwgUrl, None));
    }
}
