//! `lectern-cli publish` is all or nothing: a run that fails halfway leaves
//! the earlier site byte for byte; a finished run leaves its own pages and
//! the publisher's files; it never writes into the content it reads; a
//! rerun does only what changed, decided by content.

// Test code: a failed expectation should fail the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_lectern-cli");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("lectern-swap-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_owned(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

/// A widget build as `publish` reads it (names are what it checks).
fn widget(dir: &Path) -> PathBuf {
    let w = dir.join("widget");
    fs::create_dir_all(&w).unwrap();
    for (name, text) in [
        ("lectern-0123abcd.js", "export default function init() {}"),
        ("lectern-0123abcd_bg.wasm", "\0asm"),
        ("lectern-0123abcd.css", ".lectern { display: block }"),
        ("lectern.css", ".lectern { display: block }"),
        ("lectern.js", "import './lectern-0123abcd.js';"),
    ] {
        fs::write(w.join(name), text).unwrap();
    }
    w
}

fn publish(content: &Path, out: &Path, widget: &Path) -> (bool, String) {
    publish_with(content, out, widget, &[])
}

/// No staging folder is left beside `out`.
fn no_staging_left(out: &Path) {
    let name = out.file_name().unwrap().to_str().unwrap();
    let left: Vec<_> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!(".{name}.lectern-")))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_publish_that_fails_halfway_leaves_the_earlier_site_byte_for_byte() {
    let s = Scratch::new("fail");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    let (out, widget) = (s.0.join("site"), widget(&s.0));
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    let before = snapshot(&out);
    assert!(before.keys().any(|p| p.ends_with("en/index.html")));
    // An article whose document breaks the contract, read after others
    // have been written.
    fs::create_dir_all(content.join("zzz-broken")).unwrap();
    fs::write(
        content.join("zzz-broken/en.json"),
        r#"{"format": "lectern.article/1", "id": "x"}"#,
    )
    .unwrap();
    // And a change to one that was fine, which must not reach the site.
    let en = content.join("diplomacy-between-languages/en.json");
    let changed = fs::read_to_string(&en)
        .unwrap()
        .replace("Diplomacy Between Languages", "Changed");
    fs::write(&en, changed).unwrap();
    let (ok, said) = publish(&content, &out, &widget);
    assert!(!ok, "the run fails: {said}");
    assert!(said.contains("zzz-broken/en.json"), "{said}");
    assert_eq!(snapshot(&out), before, "the earlier site, byte for byte");
    no_staging_left(&out);
}

#[test]
fn a_removed_article_goes_and_the_publishers_own_files_stay() {
    let s = Scratch::new("exact");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    let (out, widget) = (s.0.join("site"), widget(&s.0));
    assert!(publish(&content, &out, &widget).0);
    assert!(out.join("northeast-asia-primer/en/index.html").exists());
    // A file of the publisher's in the site (publish never made it) and a
    // removed article: the article's pages go, the publisher's file stays.
    fs::write(out.join("robots.txt"), "User-agent: *").unwrap();
    fs::remove_dir_all(content.join("northeast-asia-primer")).unwrap();
    // (The other articles' related teasers name it: they are plain links now.)
    for file in snapshot(&content)
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let path = content.join(file);
        let mut doc: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        if let Some(related) = doc.get_mut("related").and_then(|r| r.as_array_mut()) {
            related.retain(|r| {
                !r["href"]
                    .as_str()
                    .unwrap_or("")
                    .contains("northeast-asia-primer")
            });
            for r in related.iter_mut() {
                if r["article"]
                    .as_str()
                    .is_some_and(|a| a.contains("northeast-asia-primer"))
                {
                    r.as_object_mut().unwrap().remove("article");
                }
            }
        }
        fs::write(&path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    }
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *"
    );
    assert!(!out.join("northeast-asia-primer").exists());
    assert!(out
        .join("china-opportunity-to-lead-on-north-korea/en/index.html")
        .exists());
    no_staging_left(&out);
}

#[test]
fn it_refuses_to_write_into_the_content_it_reads() {
    let s = Scratch::new("refuse");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    let widget = widget(&s.0);
    let before = snapshot(&s.0);
    for out in [
        content.clone(),
        s.0.clone(),
        content.join("site"),
        content.join("../content/x"),
    ] {
        let (ok, said) = publish(&content, &out, &widget);
        assert!(!ok, "{}: refused", out.display());
        assert!(said.contains("content folder"), "{said}");
    }
    assert_eq!(snapshot(&s.0), before, "nothing written anywhere");
}

/// Every file's identity (inode, modification time): what a run rewrote
/// changes it.
fn identities(dir: &Path) -> BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let meta = fs::metadata(dir.join(&rel)).unwrap();
            (rel, (meta.ino(), meta.modified().unwrap()))
        })
        .collect()
}

fn publish_with(content: &Path, out: &Path, widget: &Path, extra: &[&str]) -> (bool, String) {
    let result = Command::new(BIN)
        .args(["publish"])
        .arg(content)
        .arg(out)
        .args(["--base-url", "https://news.example/", "--widget"])
        .arg(widget)
        .args(extra)
        .output()
        .unwrap();
    (
        result.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        ),
    )
}

#[test]
fn an_unchanged_archive_writes_nothing_and_a_change_rewrites_only_what_it_touches() {
    let s = Scratch::new("incremental");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    let (out, widget) = (s.0.join("site"), widget(&s.0));
    assert!(publish(&content, &out, &widget).0);
    let first = identities(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    assert!(said.contains(" 0 file(s) written"), "{said}");
    assert_eq!(identities(&out), first, "not one file touched");
    no_staging_left(&out);

    // One version's title: its JSON and its page, and the manifest.
    let en = content.join("diplomacy-between-languages/en.json");
    fs::write(
        &en,
        fs::read_to_string(&en)
            .unwrap()
            .replace("Diplomacy Between Languages", "Diplomacy, Revised"),
    )
    .unwrap();
    let before = snapshot(&out);
    assert!(publish(&content, &out, &widget).0);
    let after = snapshot(&out);
    let changed: Vec<&PathBuf> = after
        .keys()
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert_eq!(
        changed,
        [
            Path::new(".lectern-manifest"),
            Path::new("diplomacy-between-languages/en/index.html"),
            Path::new("diplomacy-between-languages/en.json"),
        ]
        .iter()
        .collect::<Vec<_>>()
    );
    let untouched: Vec<PathBuf> = first
        .keys()
        .filter(|p| !changed.contains(p))
        .cloned()
        .collect();
    let now = identities(&out);
    for path in &untouched {
        assert_eq!(
            now.get(path),
            first.get(path),
            "{} was rewritten",
            path.display()
        );
    }
    assert!(String::from_utf8_lossy(
        &after[Path::new("diplomacy-between-languages/en/index.html")]
    )
    .contains("Diplomacy, Revised"));

    // An article that others' related strips name goes: its pages go, and
    // those strips link the plain URL instead of its page.
    let linking = |site: &BTreeMap<PathBuf, Vec<u8>>| -> Vec<PathBuf> {
        site.iter()
            .filter(|(p, b)| {
                let text = String::from_utf8_lossy(b);
                p.ends_with("index.html")
                    && ["en", "zh-Hans", "zh-Hant"].iter().any(|l| {
                        text.contains(&format!(
                            "https://news.example/sanctions-in-three-questions/{l}/\""
                        ))
                    })
            })
            .map(|(p, _)| p.clone())
            .filter(|p| !p.starts_with("sanctions-in-three-questions"))
            .collect()
    };
    let linked = linking(&after);
    assert!(!linked.is_empty());
    fs::remove_dir_all(content.join("sanctions-in-three-questions")).unwrap();
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    let last = snapshot(&out);
    assert!(!out.join("sanctions-in-three-questions").exists());
    assert!(
        linking(&last).is_empty(),
        "no page links the removed article's page"
    );
    for page in &linked {
        assert_ne!(
            last.get(page),
            after.get(page),
            "{} was rendered again",
            page.display()
        );
    }

    // The same site as a fresh run on one thread, byte for byte.
    let fresh = s.0.join("fresh");
    let (ok, said) = publish_with(&content, &fresh, &widget, &["--jobs", "1"]);
    assert!(ok, "{said}");
    assert_eq!(snapshot(&fresh), last);
}

/// A rerun reads a document again only when the file system says it may
/// have changed, and renders only what changed in content: a document
/// rewritten in place with its size and modification time put back is
/// still seen (its change time moved), a touched one is read and renders
/// nothing. `--verify` reads everything and puts back a page deleted by
/// hand, which a plain rerun trusts the manifest about.
#[test]
fn reruns_are_decided_by_content_whatever_the_file_times() {
    let s = Scratch::new("stamps");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    let (out, widget) = (s.0.join("site"), widget(&s.0));
    // Documents settled (changed over 2 s before the run), so that the run
    // records their stamps and the next one goes by them.
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    assert!(publish(&content, &out, &widget).0);
    let manifest = fs::read_to_string(out.join(".lectern-manifest")).unwrap();
    let stamps: Vec<&str> = manifest
        .lines()
        .filter(|l| l.starts_with("doc\t"))
        .map(|l| l.split('\t').nth(4).unwrap())
        .collect();
    assert!(
        !stamps.is_empty() && !stamps.contains(&"-"),
        "every stamp recorded:\n{manifest}"
    );
    let page = out.join("diplomacy-between-languages/en/index.html");

    // The same size and modification time, other words.
    let en = content.join("diplomacy-between-languages/en.json");
    let modified = fs::metadata(&en).unwrap().modified().unwrap();
    let text = fs::read_to_string(&en).unwrap();
    let revised = text.replace("Diplomacy Between Languages", "Diplomacy Beneath Languages");
    assert_eq!(revised.len(), text.len());
    fs::write(&en, &revised).unwrap();
    fs::File::options()
        .write(true)
        .open(&en)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    assert!(
        said.contains(" 3 file(s) written"),
        "the page, its JSON and the manifest: {said}"
    );
    assert!(fs::read_to_string(&page)
        .unwrap()
        .contains("Diplomacy Beneath Languages"));

    // Touched (new times, same content): nothing to write.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let first = identities(&out);
    let zh = content.join("diplomacy-between-languages/zh-Hans.json");
    fs::File::options()
        .write(true)
        .open(&zh)
        .unwrap()
        .set_modified(std::time::SystemTime::now())
        .unwrap();
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok, "{said}");
    assert!(said.contains(" 0 file(s) written"), "{said}");
    assert_eq!(identities(&out), first);

    // A page deleted by hand: a plain rerun trusts the manifest, --verify
    // puts it back, and only it.
    fs::remove_file(&page).unwrap();
    let (ok, said) = publish(&content, &out, &widget);
    assert!(ok && said.contains(" 0 file(s) written"), "{said}");
    assert!(!page.exists());
    let (ok, said) = publish_with(&content, &out, &widget, &["--verify"]);
    assert!(ok, "{said}");
    assert!(said.contains(" 3 file(s) written"), "{said}");
    assert!(page.exists());
    no_staging_left(&out);
}

#[test]
fn every_bad_document_is_named_in_one_run() {
    let s = Scratch::new("problems");
    let content = s.0.join("content");
    copy_dir(&root().join("content"), &content);
    fs::write(
        content.join("diplomacy-between-languages/en.json"),
        "{ not json",
    )
    .unwrap();
    fs::write(
        content.join("northeast-asia-primer/zh-Hans.json"),
        r#"{"format": "lectern.article/1"}"#,
    )
    .unwrap();
    let (ok, said) = publish(&content, &s.0.join("site"), &widget(&s.0));
    assert!(!ok);
    assert!(
        said.contains("2 document(s) could not be published"),
        "{said}"
    );
    assert!(
        said.contains("diplomacy-between-languages/en.json"),
        "{said}"
    );
    assert!(
        said.contains("northeast-asia-primer/zh-Hans.json"),
        "{said}"
    );
    assert!(!s.0.join("site").exists(), "nothing published");
}
