//! Back-to-top: a real link to the widget's top that appears once the
//! article header has scrolled out of view (an `IntersectionObserver`). It
//! rests at the article's end, and floats at the bottom of the window only
//! while the reader scrolls back up, as mobile browsers show their
//! toolbars: it never covers the text a reader is scrolling down through.
//! It scrolls smoothly unless the reader prefers reduced motion, and moves
//! focus to the title, without touching the page's hash.

use yew::prelude::*;

/// Where back-to-top is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BackToTop {
    /// The header is in view.
    Hidden,
    /// At the article's end, in the flow.
    AtEnd,
    /// Floating at the bottom of the window (the reader scrolls up).
    Floating,
}

impl BackToTop {
    /// From the header's visibility and the last scroll's direction.
    #[must_use]
    pub fn new(header_out_of_view: bool, scrolling_up: bool) -> Self {
        match (header_out_of_view, scrolling_up) {
            (false, _) => Self::Hidden,
            (true, false) => Self::AtEnd,
            (true, true) => Self::Floating,
        }
    }
}

/// The link to `#top_id`, where `place` says.
pub fn back_to_top(
    label: AttrValue,
    own: super::article::UiAttrs<'_>,
    top_id: &str,
    place: BackToTop,
    on_back_to_top: &Callback<()>,
) -> Html {
    let onclick = {
        let on_back = on_back_to_top.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_back.emit(());
        })
    };
    html! {
        <a class="lc-back-to-top" lang={own.lang()} dir={own.dir()} data-float={(place == BackToTop::Floating).then_some("")}
            href={format!("#{top_id}")} hidden={place == BackToTop::Hidden} {onclick}>
            <span aria-hidden="true">{ "↑ " }</span>{ label }
        </a>
    }
}
