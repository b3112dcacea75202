//! `lectern-cli`: native tools for Lectern's content.
//!
//! - `check DIR|FILE…` validates documents and cross-checks translations.
//! - `convert --to zh-Hant FILE [-o OUT]` writes a machine-converted 繁體
//!   version of a 简体 document.
//! - `import FILE.md [-o OUT] [--write-ids]` reads an article in Markdown
//!   with YAML front matter into a document.
//! - `publish CONTENT_DIR OUT_DIR --base-url URL` writes a folder for any
//!   static host: one pre-rendered page per article per language.
//! - `render FILE [--page]` prints the article as static HTML, rendered by
//!   the widget's own views.

use std::path::PathBuf;
use std::process::ExitCode;

use lectern_cli::{check, convert, import, publish, render};

const USAGE: &str = "usage:
  lectern-cli check PATH...                       validate documents and cross-check translations
  lectern-cli convert --to TAG FILE [-o OUT]      convert a zh-Hans document to TAG
                                                  (zh-Hant, zh-Hant-TW or zh-Hant-HK)
  lectern-cli import FILE.md [-o OUT] [--write-ids]   an article in Markdown with YAML front matter
                                                  to a document (--write-ids: give blocks without
                                                  an id a stable one, written into FILE.md)
  lectern-cli publish CONTENT_DIR OUT_DIR --base-url URL [--widget DIR] [--jobs N] [--verify]
                                                  a folder for any static host: every document, one
                                                  page per article per language, sitemap.xml and the
                                                  widget's files (from DIR, by default dist/); only
                                                  what changed is rewritten; all or nothing; on N
                                                  threads (default: every core); --verify: read every
                                                  document again and restore missing files
  lectern-cli render FILE [--heading-level N] [--base URL] [--id-prefix P | --ordinal N]
                     [--embed SRC [--element]] [--page] [--css URL] [--inline-css FILE]...
                                                  the article as static HTML (the widget's markup
                                                  and its JSON, for the widget to hydrate)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => {
            let paths: Vec<PathBuf> = args.iter().skip(1).map(PathBuf::from).collect();
            let report = check::check_paths(&paths);
            for line in &report.problems {
                println!("{line}");
            }
            for line in &report.warnings {
                println!("warning: {line}");
            }
            println!(
                "checked {} document(s): {} problem(s), {} warning(s)",
                report.documents,
                report.problems.len(),
                report.warnings.len()
            );
            if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("convert") => match convert::run(args.get(1..).unwrap_or_default()) {
            Ok(out) => {
                println!("wrote {}", out.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("lectern-cli convert: {message}");
                ExitCode::FAILURE
            }
        },
        Some("import") => match import::run(args.get(1..).unwrap_or_default()) {
            Ok(out) => {
                print!("{out}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        Some("publish") => match publish::run(args.get(1..).unwrap_or_default()) {
            Ok(summary) => {
                println!("{summary}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("lectern-cli publish: {message}");
                ExitCode::FAILURE
            }
        },
        Some("render") => match render::run(args.get(1..).unwrap_or_default()) {
            Ok(html) => {
                print!("{html}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("lectern-cli render: {message}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
