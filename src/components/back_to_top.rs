//! Back-to-top: a real link to the widget's top that appears once the
//! article header has scrolled out of view (an `IntersectionObserver`, no
//! scroll handler). It scrolls smoothly unless the reader prefers reduced
//! motion, and moves focus to the title, without touching the page's hash.

use yew::prelude::*;

/// The link to `#top_id`, hidden while the header is in view (`visible`
/// false).
pub fn back_to_top(
    label: &'static str,
    top_id: &str,
    visible: bool,
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
        <a class="lc-back-to-top"
            href={format!("#{top_id}")} hidden={!visible} {onclick}>
            <span aria-hidden="true">{ "↑ " }</span>{ label }
        </a>
    }
}
