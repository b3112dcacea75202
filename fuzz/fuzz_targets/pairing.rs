//! `check`'s pairing of two versions (the widget's 对照 pairs the same
//! way): bodies made from the bytes, a few ids shared, some missing, in
//! any order. Every block of each version appears exactly once, in its own
//! order; paired blocks share their id when both versions have ids, and
//! their position otherwise; `check` reports without panicking.
#![no_main]

use lectern::model::pairing::{pair, Row};
use lectern::model::{check_value, Article, Resolver, WhatwgUrl};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

/// A document whose body comes from `bytes`: each byte a block, its id
/// one of sixteen (or none), its type from the high bits.
fn doc(lang: &str, bytes: &[u8]) -> Option<Article> {
    let body: Vec<_> = bytes
        .iter()
        .map(|b| {
            let mut block = match b >> 6 {
                0 => json!({ "type": "paragraph", "text": "x" }),
                1 => json!({ "type": "heading", "level": 2, "text": "x" }),
                2 => json!({ "type": "quote", "text": "x" }),
                _ => json!({ "type": "rule" }),
            };
            if b & 0x20 == 0 {
                block["id"] = format!("p{}", b & 0x0f).into();
            }
            block
        })
        .collect();
    let value = json!({
        "format": "lectern.article/1", "id": "a", "lang": lang, "title": "T",
        "published": "2018-04-04", "authors": [], "body": body,
    });
    // Duplicate ids make the document invalid: such inputs are skipped.
    check_value(&value, &Resolver::new(&WhatwgUrl, Some("https://news.example/a/en.json"))).ok()
}

fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |n| usize::from(*n) % data.len().max(1));
    let (a, b) = data.split_at(split);
    let (Some(first), Some(second)) = (doc("en", a), doc("zh-Hans", b)) else {
        return;
    };
    let rows = pair(&first.body, &second.body);
    let by_id = [&first, &second].iter().all(|v| v.body.iter().any(|b| b.id.is_some()));
    let (mut seen_a, mut seen_b) = (Vec::new(), Vec::new());
    for row in &rows {
        match *row {
            Row::Both(i, j) => {
                if by_id {
                    assert_eq!(first.body[i].id, second.body[j].id, "paired by id");
                } else {
                    assert_eq!(i, j, "paired by position");
                }
                seen_a.push(i);
                seen_b.push(j);
            }
            Row::First(i) => seen_a.push(i),
            Row::Second(j) => seen_b.push(j),
        }
    }
    assert_eq!(seen_a, (0..first.body.len()).collect::<Vec<_>>(), "every block of the first, once, in order");
    assert_eq!(seen_b, (0..second.body.len()).collect::<Vec<_>>(), "every block of the second, once, in order");
    let _ = lectern_cli::check::pairing_report(&first, &second);
});
