//! The Reader's state machine: everything the widget knows, changed only by
//! [`Action`]s through [`State::reduce`]. It has no browser in it (the
//! Reader's effects do the fetching and the scrolling), so every transition
//! is tested natively.
//!
//! ```text
//!  state (what shows)        action                      next
//!  ────────────────────────  ──────────────────────────  ─────────────────────────────────
//!  nothing, pending First    Loaded, preferred version   nothing, pending Version (not shown)
//!  nothing, pending First    Loaded, preferred           article (Network)
//!  nothing, pending any      Failed                      failure alert, Retry
//!  nothing, pending First    Failed, saved copy          saved copy (Saved) + alert, Retry
//!  pre-render (init)         -- preferred elsewhere      pre-render, pending Version
//!  article A                 ChooseLanguage / SetLang.   A, pending Version (A stays)
//!  article A, pending        Loaded                      article B, passage kept / title focused
//!  article A, pending        Failed                      A + inline alert, Retry; choices work
//!  any, failure              Retry                       same, pending the failed request again
//!  article A                 OpenRelated / Navigate      A, pending Related / History
//!  any, pending ticket t     Loaded/Failed ticket ≠ t    unchanged (a stale answer never wins)
//! ```
//!
//! Language negotiation happens once per article, synchronously, as soon as
//! its versions are known: at init from a pre-rendered document, otherwise
//! when the first document arrives (which is then not shown when another
//! version is preferred). `SetLanguage` goes through the same negotiation.

use std::rc::Rc;

use crate::error::LoadError;
use crate::i18n::{negotiate, Preferences, UiLang};
use crate::model::Article;
use crate::views::Doc;

/// Where the document on screen came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    /// The page's pre-rendered article (its JSON inlined in the page).
    Prerender,
    /// Fetched by the widget.
    Network,
    /// The reader's saved copy (the network failed).
    Saved,
}

impl Source {
    /// The name hosts read in `lectern:load`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Prerender => "pre-render",
            Self::Network => "network",
            Self::Saved => "saved",
        }
    }
}

/// The document on screen.
#[derive(Clone, PartialEq, Debug)]
pub struct Shown {
    pub doc: Doc,
    pub url: String,
    pub source: Source,
}

/// Why a document is requested: what happens when it arrives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Why {
    /// The widget's `src`.
    First,
    /// Another version of the article on screen: the passage is kept.
    Version,
    /// A related article opened in place: its title gets focus.
    Related,
    /// Back or Forward on the standalone page.
    History,
}

/// A document being loaded. Only the request with the current ticket may
/// change the state.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Request {
    pub url: String,
    pub why: Why,
    /// Whether the reader's language is negotiated when it arrives.
    pub negotiate: bool,
    pub ticket: u32,
}

/// The last request that failed, and why.
#[derive(Clone, PartialEq, Debug)]
pub struct Failure {
    pub error: LoadError,
    pub request: Request,
}

/// A place in the article: the body block at the top of the viewport (its
/// id, and its position for documents without ids), and how far its top is
/// from the top of the viewport.
#[derive(Clone, PartialEq, Debug)]
pub struct Passage {
    pub id: Option<String>,
    pub index: u32,
    pub top: f64,
}

/// What to do once the next document has rendered.
#[derive(Clone, PartialEq, Debug, Default)]
pub enum After {
    #[default]
    Nothing,
    KeepPassage(Passage),
    FocusTitle,
}

/// The reader's own preferences, read from the browser by whoever mounts
/// the widget (the Reader never reads them itself, so it renders the same
/// without a browser).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Prefs {
    /// The stored choice (`localStorage["lectern:lang"]`).
    pub stored: Option<String>,
    /// `navigator.languages`.
    pub browser: Vec<String>,
}

/// Everything the Reader shows and waits for.
#[derive(Clone, PartialEq, Debug)]
pub struct State {
    pub shown: Option<Shown>,
    pub pending: Option<Request>,
    pub failure: Option<Failure>,
    /// The language asked for (attribute, `setLanguage`, the reader's
    /// choice); `None` negotiates from `prefs`.
    pub wanted: Option<String>,
    pub prefs: Rc<Prefs>,
    /// Counts the documents shown, so that [`After`] runs once per document.
    pub shows: u32,
    pub after: After,
    pub bio_open: bool,
    pub header_out_of_view: bool,
    /// The reader's last scroll went up: back-to-top floats over the text
    /// only then (and rests at the article's end otherwise).
    pub scrolling_up: bool,
    /// The date of the saved copy on screen, as the reader reads it.
    pub saved: Option<String>,
    tickets: u32,
}

/// Everything that changes the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The document for `ticket` arrived; `passage` is the place in the
    /// article on screen just before it is replaced.
    Loaded {
        ticket: u32,
        doc: Doc,
        passage: Option<Passage>,
    },
    /// The request for `ticket` failed; `saved` is the reader's saved copy
    /// of that document (and its date, formatted), shown when nothing is.
    Failed {
        ticket: u32,
        error: LoadError,
        saved: Option<(Doc, String)>,
    },
    /// The reader chose a version in the selector (an exact tag).
    ChooseLanguage(String),
    /// The host asked for a language (`setLanguage`): negotiated, `auto`
    /// included.
    SetLanguage(String),
    /// A related article opened in place (its document URL).
    OpenRelated(String),
    /// Back or Forward to the article at this URL.
    Navigate(String),
    Retry,
    ToggleBio,
    CloseBio,
    HeaderOutOfView(bool),
    ScrollingUp(bool),
}

fn explicit(lang: Option<&str>) -> Option<String> {
    lang.map(str::trim)
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("auto"))
        .map(str::to_owned)
}

/// The URL of the article's version in `lang`.
#[must_use]
pub fn version_href(article: &Article, lang: &str) -> Option<String> {
    article
        .translations
        .iter()
        .find(|t| t.lang.as_str() == lang)
        .and_then(|t| t.href.as_ref())
        .map(ToString::to_string)
}

impl State {
    /// The state before anything is shown: `initial` is the pre-rendered
    /// document (from the page's inline JSON) at `src`, if there is one.
    #[must_use]
    pub fn new(src: &str, lang: Option<&str>, prefs: Rc<Prefs>, initial: Option<Doc>) -> Self {
        let mut state = Self {
            shown: None,
            pending: None,
            failure: None,
            wanted: explicit(lang),
            prefs,
            shows: 0,
            after: After::Nothing,
            bio_open: false,
            header_out_of_view: false,
            scrolling_up: false,
            saved: None,
            tickets: 0,
        };
        match initial {
            Some(doc) => {
                let preferred = state.preferred(&doc);
                state.shown = Some(Shown {
                    doc,
                    url: src.to_owned(),
                    source: Source::Prerender,
                });
                state.shows = 1;
                if let Some(href) = preferred {
                    state.request(href, Why::Version, false);
                }
            }
            None => state.request(src.to_owned(), Why::First, true),
        }
        state
    }

    fn request(&mut self, url: String, why: Why, negotiate: bool) {
        self.tickets = self.tickets.wrapping_add(1);
        self.pending = Some(Request {
            url,
            why,
            negotiate,
            ticket: self.tickets,
        });
    }

    /// The URL of the version the reader prefers, when it is not `article`.
    #[must_use]
    pub fn preferred(&self, article: &Article) -> Option<String> {
        let available: Vec<&str> = article
            .translations
            .iter()
            .filter(|t| t.href.is_some())
            .map(|t| t.lang.as_str())
            .collect();
        let prefs = Preferences {
            explicit: self.wanted.as_deref(),
            stored: self.prefs.stored.as_deref(),
            browser: &self.prefs.browser,
        };
        let chosen = negotiate(&prefs, &available, article.lang.as_str());
        (chosen != article.lang.as_str())
            .then(|| version_href(article, chosen))
            .flatten()
    }

    /// The language the widget's own words are in: the article's, else the
    /// reader's preference among the UI languages, from the first frame.
    #[must_use]
    pub fn ui(&self) -> UiLang {
        if let Some(shown) = &self.shown {
            return UiLang::for_tag(shown.doc.lang.as_str());
        }
        let prefs = Preferences {
            explicit: self.wanted.as_deref(),
            stored: self.prefs.stored.as_deref(),
            browser: &self.prefs.browser,
        };
        UiLang::for_tag(negotiate(&prefs, &["en", "zh-Hans", "zh-Hant"], "en"))
    }

    /// Whether a request is waiting for `ticket`'s answer.
    fn takes(&self, ticket: u32) -> bool {
        self.pending.as_ref().is_some_and(|p| p.ticket == ticket)
    }

    /// The next state after `action`.
    #[must_use]
    pub fn next(mut self, action: Action) -> Self {
        match action {
            Action::Loaded {
                ticket,
                doc,
                passage,
            } => {
                if !self.takes(ticket) {
                    return self;
                }
                let Some(request) = self.pending.take() else {
                    return self;
                };
                if request.negotiate {
                    if let Some(href) = self.preferred(&doc).filter(|h| *h != request.url) {
                        self.request(href, request.why, false);
                        return self;
                    }
                }
                let same_article = self.shown.as_ref().is_some_and(|s| s.doc.id == doc.id);
                self.after = match request.why {
                    Why::Version => passage.map_or(After::Nothing, After::KeepPassage),
                    Why::Related => After::FocusTitle,
                    Why::First | Why::History => After::Nothing,
                };
                if !same_article {
                    self.bio_open = false;
                }
                self.shown = Some(Shown {
                    doc,
                    url: request.url,
                    source: Source::Network,
                });
                self.shows = self.shows.wrapping_add(1);
                self.failure = None;
                self.saved = None;
            }
            Action::Failed {
                ticket,
                error,
                saved,
            } => {
                if !self.takes(ticket) {
                    return self;
                }
                if let Some(request) = self.pending.take() {
                    // A saved copy never replaces what is on screen.
                    if let (None, Some((doc, date))) = (&self.shown, saved) {
                        self.shown = Some(Shown {
                            doc,
                            url: request.url.clone(),
                            source: Source::Saved,
                        });
                        self.saved = Some(date);
                        self.shows = self.shows.wrapping_add(1);
                    }
                    self.failure = Some(Failure { error, request });
                }
            }
            Action::ChooseLanguage(lang) => {
                let target = self.shown.as_ref().and_then(|shown| {
                    if shown.doc.lang.as_str() == lang {
                        Some(None)
                    } else {
                        version_href(&shown.doc, &lang).map(Some)
                    }
                });
                if let Some(target) = target {
                    self.wanted = Some(lang);
                    self.go_to_version(target);
                }
            }
            Action::SetLanguage(lang) => {
                self.wanted = explicit(Some(&lang));
                match &self.shown {
                    Some(shown) => {
                        let target = self.preferred(&shown.doc);
                        self.go_to_version(target);
                    }
                    // The first document is on its way: it is negotiated
                    // with this language when it arrives.
                    None => {
                        if let Some(pending) = &mut self.pending {
                            pending.negotiate = true;
                        }
                    }
                }
            }
            Action::OpenRelated(url) => self.request(url, Why::Related, true),
            Action::Navigate(url) => self.request(url, Why::History, false),
            Action::Retry => {
                if let Some(failure) = self.failure.take() {
                    let request = failure.request;
                    self.request(request.url, request.why, request.negotiate);
                }
            }
            Action::ToggleBio => self.bio_open = !self.bio_open,
            Action::CloseBio => self.bio_open = false,
            Action::HeaderOutOfView(out) => self.header_out_of_view = out,
            Action::ScrollingUp(up) => self.scrolling_up = up,
        }
        self
    }

    /// Requests the version at `target`, or (`None`) stays with the one
    /// on screen, dropping a version request and its failure.
    fn go_to_version(&mut self, target: Option<String>) {
        self.failure = None;
        if let Some(url) = target {
            if self.pending.as_ref().is_none_or(|p| p.url != url) {
                self.request(url, Why::Version, false);
            }
        } else {
            self.pending = None;
        }
    }
}

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).next(action))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
