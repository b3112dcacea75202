//! What the widgets on one page share: the reader's settings, which apply
//! to every widget at once (and to widgets mounted later), and the order
//! in which they answer a fragment that two of them hold (the first in the
//! document scrolls, every one marks it). Used from effects and handlers
//! only.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};
use yew::{Callback, NodeRef};

use crate::reader::state::Action;
use crate::settings::Settings;

struct Entry {
    key: u32,
    root: NodeRef,
    commands: Callback<Action>,
}

thread_local! {
    static WIDGETS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    static NEXT_KEY: Cell<u32> = const { Cell::new(0) };
    static SETTINGS: Cell<Option<Settings>> = const { Cell::new(None) };
}

/// A widget's place in the list; it leaves the list when dropped.
pub struct Registration(u32);

impl Drop for Registration {
    fn drop(&mut self) {
        let key = self.0;
        WIDGETS.with(|w| w.borrow_mut().retain(|e| e.key != key));
    }
}

/// Adds the widget whose root is `root`, commanded through `commands`.
#[must_use]
pub fn register(root: NodeRef, commands: Callback<Action>) -> Registration {
    let key = NEXT_KEY.with(|k| {
        k.set(k.get().wrapping_add(1));
        k.get()
    });
    WIDGETS.with(|w| {
        w.borrow_mut().push(Entry {
            key,
            root,
            commands,
        });
    });
    Registration(key)
}

/// The settings chosen on this page so far, if any.
#[must_use]
pub fn settings() -> Option<Settings> {
    SETTINGS.with(Cell::get)
}

/// Applies `settings` to every widget on the page, now and mounted later.
pub fn apply_settings(settings: Settings) {
    SETTINGS.with(|s| s.set(Some(settings)));
    // Emitted outside the borrow: a widget may render (and register) at once.
    let all: Vec<Callback<Action>> =
        WIDGETS.with(|w| w.borrow().iter().map(|e| e.commands.clone()).collect());
    for commands in all {
        commands.emit(Action::Settings(settings));
    }
}

/// A UI catalog arrived for the page: every widget renders again (one
/// whose language it is then speaks it).
pub fn catalog_arrived() {
    let all: Vec<Callback<Action>> =
        WIDGETS.with(|w| w.borrow().iter().map(|e| e.commands.clone()).collect());
    for commands in all {
        commands.emit(Action::Catalog);
    }
}

/// The element that stands for `root` in the page: its shadow root's host,
/// or itself.
fn in_page(root: &Element) -> Element {
    root.get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .map_or_else(|_| root.clone(), |shadow| shadow.host())
}

/// Whether `root` comes first among the widgets holding `selector`.
#[must_use]
pub fn is_first_holding(root: &Element, selector: &str) -> bool {
    let roots: Vec<Element> = WIDGETS.with(|w| {
        w.borrow()
            .iter()
            .filter_map(|e| e.root.cast::<Element>())
            .collect()
    });
    let me = in_page(root);
    !roots.iter().any(|other| {
        other != root
            && other.query_selector(selector).ok().flatten().is_some()
            && in_page(other).compare_document_position(&me) & Node::DOCUMENT_POSITION_FOLLOWING
                != 0
    })
}
