//! Views for the states before and instead of an article: the loading
//! skeleton and the error alert with its Retry button.

use yew::prelude::*;

use crate::error::LoadError;

/// A placeholder shaped like the article header, shown while loading.
#[component]
pub fn Skeleton() -> Html {
    html! {
        <div class="lc-skeleton" role="status" aria-live="polite">
            <span class="lc-visually-hidden">{ "Loading the article…" }</span>
            <div class="lc-skeleton__line lc-skeleton__line--title" aria-hidden="true"></div>
            <div class="lc-skeleton__line" aria-hidden="true"></div>
            <div class="lc-skeleton__line" aria-hidden="true"></div>
        </div>
    }
}

/// Properties of [`LoadFailed`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct LoadFailedProps {
    /// What went wrong.
    pub error: LoadError,
    /// Present when retrying can help.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// An alert saying in plain words what went wrong, with Retry where it helps.
#[component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let retry = props.on_retry.as_ref().map(|on_retry| {
        let onclick = on_retry.reform(|_: MouseEvent| ());
        html! { <button type="button" class="lc-error__retry" {onclick}>{ "Retry" }</button> }
    });
    html! {
        <div class="lc-error" role="alert">
            <p class="lc-error__message">{ props.error.to_string() }</p>
            { for retry }
        </div>
    }
}
