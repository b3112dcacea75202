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
//!  article A                 Choose A+B (对照)            A, pending Partner (A stays alone)
//!  article A, pending Partner Loaded                     A beside B, passage kept
//!  article A, pending Partner Failed                     A alone + inline alert, Retry
//!  A beside B                Choose A / Choose B         A alone / B alone, passage kept (no request)
//!  any                       Fragment (load, hashchange) target marked; scrolled to (first widget)
//!  any                       Settings / ToggleSettings   every widget's settings / the panel
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
//! A pair (`en+zh-Hans`, `reading.md`) is negotiated part by part: the
//! first language is the document shown, the second its partner, fetched
//! through the same loader (so the same fence, checks and failures).

use std::rc::Rc;

use crate::error::LoadError;
use crate::i18n::{best_match, catalog, negotiate, split_pair, ui_language, Catalog, Preferences};
use crate::model::Article;
use crate::settings::Settings;
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
    /// The second version of a pair, beside the one on screen.
    Partner,
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

/// What to do once the next view has rendered.
#[derive(Clone, PartialEq, Debug, Default)]
pub enum After {
    #[default]
    Nothing,
    KeepPassage(Passage),
    FocusTitle,
    /// Scroll to the targeted block (when this widget is the first on
    /// the page to hold it).
    ScrollToTarget,
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
    /// The reader's settings (stored, or chosen earlier on this page).
    pub settings: Settings,
    /// The host's choice of UI language (`data-lectern-ui-lang`, `uiLang`).
    pub ui_lang: Option<String>,
    /// The UI languages Lectern ships a catalog for, and where each is
    /// (fetched when needed).
    pub catalogs: Vec<(String, String)>,
    /// The host's own catalog (`data-lectern-strings`): its URL.
    pub strings: Option<String>,
}

/// Everything the Reader shows and waits for.
// The flags are independent parts of the view (panels open, where the
// reader scrolls), not states of one thing.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, PartialEq, Debug)]
pub struct State {
    pub shown: Option<Shown>,
    /// The version beside `shown` (对照).
    pub second: Option<Shown>,
    pub pending: Option<Request>,
    pub failure: Option<Failure>,
    /// The language asked for (attribute, `setLanguage`, the reader's
    /// choice); `None` negotiates from `prefs`.
    pub wanted: Option<String>,
    pub prefs: Rc<Prefs>,
    /// Counts the documents shown (`lectern:load` once per document).
    pub shows: u32,
    pub after: After,
    /// Counts the times [`After`] was set, so that it runs once each.
    pub afters: u32,
    pub bio_open: bool,
    pub header_out_of_view: bool,
    /// The reader's last scroll went up: back-to-top floats over the text
    /// only then (and rests at the article's end otherwise).
    pub scrolling_up: bool,
    /// The date of the saved copy on screen, as the reader reads it.
    pub saved: Option<String>,
    /// The page's fragment, which may target one of the article's blocks
    /// (`#lectern-ARTICLE-BLOCK`).
    pub fragment: Option<String>,
    /// Counts the links copied (each is announced).
    pub copied: u32,
    pub settings: Settings,
    pub settings_open: bool,
    /// Counts the UI catalogs that arrived (each may change the words).
    pub catalogs: u32,
    /// The host sets its own typeface (`--lectern-font-body`), read when
    /// the settings panel opens: until the reader chooses, neither of ours
    /// is the face in force.
    pub host_face: bool,
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
    /// The reader chose a version or a pair in the selector (exact tags),
    /// with the passage in view when they did.
    ChooseLanguage(String, Option<Passage>),
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
    /// The page's fragment: on load and `hashchange` (`scroll`: go to its
    /// block), or a block's link activated (marked where it is).
    Fragment {
        fragment: String,
        scroll: bool,
    },
    /// A block's link was copied.
    Copied,
    ToggleSettings,
    /// Whether the host sets its own typeface (read as the panel opens).
    HostFace(bool),
    CloseSettings,
    /// The reader's settings changed (in this widget or another).
    Settings(Settings),
    /// A UI catalog arrived (it is registered for the page).
    Catalog,
}

fn explicit(lang: Option<&str>) -> Option<String> {
    lang.map(str::trim)
        .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("auto"))
        .map(str::to_owned)
}

/// The first language of a pair, or the single language.
fn first_of(tag: &str) -> &str {
    split_pair(tag).map_or(tag, |(a, _)| a)
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
            second: None,
            pending: None,
            failure: None,
            wanted: explicit(lang),
            prefs: Rc::clone(&prefs),
            shows: 0,
            after: After::Nothing,
            afters: 0,
            bio_open: false,
            header_out_of_view: false,
            scrolling_up: false,
            saved: None,
            fragment: None,
            copied: 0,
            settings: prefs.settings,
            settings_open: false,
            catalogs: 0,
            host_face: false,
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
                match preferred {
                    Some(href) => state.request(href, Why::Version, false),
                    None => state.find_partner(None),
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

    /// The languages the reader wants for `article`: the version to show
    /// and, for a pair, the version beside it. A pair counts where it is
    /// the choice that decides (asked for, else stored) and its first
    /// language is the one chosen.
    #[must_use]
    pub fn languages<'a>(&self, article: &'a Article) -> (&'a str, Option<&'a str>) {
        let available: Vec<&str> = article
            .translations
            .iter()
            .filter(|t| t.href.is_some())
            .map(|t| t.lang.as_str())
            .collect();
        let (wanted, stored) = (self.wanted.as_deref(), self.prefs.stored.as_deref());
        let prefs = Preferences {
            explicit: wanted.map(first_of),
            stored: stored.map(first_of),
            browser: &self.prefs.browser,
        };
        let chosen = negotiate(&prefs, &available, article.lang.as_str());
        let second = wanted
            .or(stored)
            .and_then(split_pair)
            .filter(|(a, _)| best_match(a, &available) == Some(chosen))
            .and_then(|(_, b)| best_match(b, &available))
            .filter(|b| *b != chosen);
        (chosen, second)
    }

    /// The URL of the version the reader prefers, when it is not `article`.
    #[must_use]
    pub fn preferred(&self, article: &Article) -> Option<String> {
        let (chosen, _) = self.languages(article);
        (chosen != article.lang.as_str())
            .then(|| version_href(article, chosen))
            .flatten()
    }

    /// The choice the selector shows as current: the pair on screen, or the
    /// version.
    #[must_use]
    pub fn current_choice(&self) -> Option<String> {
        let shown = self.shown.as_ref()?;
        Some(match &self.second {
            Some(second) => format!("{}+{}", shown.doc.lang, second.doc.lang),
            None => shown.doc.lang.to_string(),
        })
    }

    /// The block the page's fragment targets in the article on screen.
    #[must_use]
    pub fn target(&self) -> Option<&str> {
        let shown = self.shown.as_ref()?;
        let block = self
            .fragment
            .as_deref()?
            .strip_prefix("#lectern-")?
            .strip_prefix(shown.doc.id.as_str())?
            .strip_prefix('-')?;
        crate::model::BlockId::parse(block).map(|_| block)
    }

    fn after(&mut self, after: After) {
        self.after = after;
        self.afters = self.afters.wrapping_add(1);
    }

    /// With `shown` on screen (and `before`, the document it replaced, in
    /// hand): its partner when a pair is wanted, from what is already here
    /// or requested.
    fn find_partner(&mut self, before: Option<Shown>) {
        let Some(shown) = &self.shown else { return };
        let (first, second) = self.languages(&shown.doc);
        let wanted = second.filter(|_| first == shown.doc.lang.as_str());
        let Some(lang) = wanted else {
            self.second = None;
            return;
        };
        let same = |s: &Shown| s.doc.lang.as_str() == lang && s.doc.id == shown.doc.id;
        let here = self.second.take().filter(same).or(before.filter(same));
        if here.is_some() {
            self.second = here;
        } else if let Some(href) = version_href(&shown.doc, lang) {
            self.request(href, Why::Partner, false);
        }
    }

    /// The UI language that `content` (a language tag, or nothing yet)
    /// calls for: the host's choice, else the content's, else the reader's
    /// browser languages, each where a catalog exists, else English.
    fn ui_for(&self, content: Option<&str>) -> String {
        let mut available = catalog::loaded();
        available.extend(self.prefs.catalogs.iter().map(|(tag, _)| tag.clone()));
        let available: Vec<&str> = available.iter().map(String::as_str).collect();
        ui_language(
            self.prefs.ui_lang.as_deref(),
            content,
            &self.prefs.browser,
            &available,
        )
    }

    /// The UI language wanted now: for the article on screen, else for the
    /// language asked for.
    #[must_use]
    pub fn ui_tag(&self) -> String {
        let content = self.shown.as_ref().map(|s| s.doc.lang.to_string());
        let asked = self
            .wanted
            .as_deref()
            .or(self.prefs.stored.as_deref())
            .map(first_of);
        self.ui_for(content.as_deref().or(asked))
    }

    /// The widget's own words, from the first frame: the catalog of
    /// [`Self::ui_tag`] once the page has it, English until then.
    #[must_use]
    pub fn ui(&self) -> Rc<Catalog> {
        catalog::find(&self.ui_tag()).unwrap_or_else(catalog::english)
    }

    /// The UI catalogs to fetch (their URLs): the one wanted now and,
    /// while a version is on its way, the one it will want (fetched beside
    /// it).
    #[must_use]
    pub fn catalogs_wanted(&self) -> Vec<String> {
        let mut tags = vec![self.ui_tag()];
        // The version on its way: the one negotiated for the article on
        // screen, else the one asked for.
        if self.pending.is_some() {
            let coming = match &self.shown {
                Some(shown) => Some(self.languages(&shown.doc).0.to_owned()),
                None => self.wanted.as_deref().map(|w| first_of(w).to_owned()),
            };
            if let Some(lang) = coming {
                tags.push(self.ui_for(Some(&lang)));
            }
        }
        tags.dedup();
        tags.iter()
            .filter(|t| catalog::find(t).is_none())
            .filter_map(|t| self.prefs.catalogs.iter().find(|(tag, _)| tag == t))
            .map(|(_, url)| url.clone())
            .collect()
    }

    /// The UI catalogs (their URLs) the article's other versions would
    /// speak, not yet on the page: fetched when idle with the versions, so
    /// that a switch needs no request.
    #[must_use]
    pub fn catalogs_of_versions(&self) -> Vec<String> {
        let Some(shown) = &self.shown else {
            return Vec::new();
        };
        let mut urls: Vec<String> = Vec::new();
        for version in shown.doc.translations.iter().filter(|t| t.href.is_some()) {
            let tag = self.ui_for(Some(version.lang.as_str()));
            let url = self.prefs.catalogs.iter().find(|(t, _)| *t == tag);
            if let (None, Some((_, url))) = (catalog::find(&tag), url) {
                if !urls.contains(url) {
                    urls.push(url.clone());
                }
            }
        }
        urls
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
            } => self.loaded(ticket, doc, passage),
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
            Action::ChooseLanguage(lang, passage) => {
                let Some(shown) = &self.shown else {
                    return self;
                };
                // Only the versions the article offers.
                let offered = |l: &str| shown.doc.translations.iter().any(|t| t.lang.as_str() == l);
                let ok = match split_pair(&lang) {
                    Some((a, b)) => offered(a) && offered(b) && a != b,
                    None => offered(&lang),
                };
                if ok {
                    self.wanted = Some(lang);
                    self.show_chosen(passage);
                }
            }
            Action::SetLanguage(lang) => {
                self.wanted = explicit(Some(&lang));
                if self.shown.is_some() {
                    self.show_chosen(None);
                } else if let Some(pending) = &mut self.pending {
                    // The first document is on its way: it is negotiated
                    // with this language when it arrives.
                    pending.negotiate = true;
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
            Action::Fragment { fragment, scroll } => {
                self.fragment = Some(fragment);
                if scroll && self.target().is_some() {
                    self.after(After::ScrollToTarget);
                }
            }
            Action::Copied => self.copied = self.copied.wrapping_add(1),
            Action::ToggleSettings => self.settings_open = !self.settings_open,
            Action::HostFace(host) => self.host_face = host,
            Action::CloseSettings => self.settings_open = false,
            Action::Settings(settings) => self.settings = settings,
            Action::Catalog => self.catalogs = self.catalogs.wrapping_add(1),
        }
        self
    }

    /// The document for `ticket` arrived (see [`Action::Loaded`]).
    fn loaded(&mut self, ticket: u32, doc: Doc, passage: Option<Passage>) {
        if !self.takes(ticket) {
            return;
        }
        let Some(request) = self.pending.take() else {
            return;
        };
        if request.negotiate {
            if let Some(href) = self.preferred(&doc).filter(|h| *h != request.url) {
                self.request(href, request.why, false);
                return;
            }
        }
        self.failure = None;
        let loaded = Shown {
            doc,
            url: request.url,
            source: Source::Network,
        };
        if request.why == Why::Partner {
            if self.shown.is_some() {
                self.second = Some(loaded);
                self.after(keep(passage));
            }
            return;
        }
        if self
            .shown
            .as_ref()
            .is_none_or(|s| s.doc.id != loaded.doc.id)
        {
            self.bio_open = false;
        }
        let before = self.shown.replace(loaded);
        self.shows = self.shows.wrapping_add(1);
        self.saved = None;
        let after = match request.why {
            Why::Version => keep(passage),
            Why::Related => After::FocusTitle,
            _ if self.target().is_some() => After::ScrollToTarget,
            _ => After::Nothing,
        };
        self.after(after);
        self.find_partner(before);
    }

    /// Shows what the reader wants now (after a choice or `setLanguage`):
    /// at once when it is on screen (the version, or its partner), else
    /// requested; the passage in view stays where it is.
    fn show_chosen(&mut self, passage: Option<Passage>) {
        self.failure = None;
        let Some(shown) = &self.shown else { return };
        let lang = self.languages(&shown.doc).0.to_owned();
        if shown.doc.lang.as_str() == lang {
            self.pending = None;
            let paired = self.second.is_some();
            self.find_partner(None);
            if paired && self.second.is_none() && self.pending.is_none() {
                self.after(keep(passage));
            }
        } else if self
            .second
            .as_ref()
            .is_some_and(|s| s.doc.lang.as_str() == lang)
        {
            // The partner becomes the version on screen.
            self.pending = None;
            let before = self.shown.take();
            self.shown = self.second.take();
            self.shows = self.shows.wrapping_add(1);
            self.after(keep(passage));
            self.find_partner(before);
        } else if let Some(url) = version_href(&shown.doc, &lang) {
            if self.pending.as_ref().is_none_or(|p| p.url != url) {
                self.request(url, Why::Version, false);
            }
        }
    }
}

/// Keep the passage, when there is one.
fn keep(passage: Option<Passage>) -> After {
    passage.map_or(After::Nothing, After::KeepPassage)
}

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).next(action))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
