//! Back-to-top: a real link to the widget's top that appears once the
//! article header has scrolled out of view (an `IntersectionObserver`, no
//! scroll handler). It scrolls smoothly unless the reader prefers reduced
//! motion, and moves focus to the title, without touching the page's hash.

use yew::prelude::*;

/// Properties of [`BackToTop`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct BackToTopProps {
    pub label: AttrValue,
    /// The id of the widget's top, for the link's `href`.
    pub top_id: AttrValue,
    /// Whether the header is out of view.
    pub visible: bool,
    pub on_back_to_top: Callback<()>,
}

/// The link, hidden while the header is in view.
#[component]
pub fn BackToTop(props: &BackToTopProps) -> Html {
    let onclick = {
        let on_back = props.on_back_to_top.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_back.emit(());
        })
    };
    html! {
        <a class={classes!("lc-back-to-top", props.visible.then_some("lc-back-to-top--visible"))}
            href={format!("#{}", props.top_id)} hidden={!props.visible} {onclick}>
            <span aria-hidden="true">{ "↑ " }</span>{ props.label.clone() }
        </a>
    }
}
