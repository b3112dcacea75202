//! Views for the states before and instead of an article: the loading
//! skeleton and the error alert with its Retry button.

use yew::prelude::*;

use crate::error::LoadError;
use crate::i18n::UiLang;

/// Properties of [`Skeleton`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct SkeletonProps {
    pub ui: UiLang,
}

/// A placeholder shaped like the article's header and first paragraphs, so
/// that nothing jumps when the article arrives.
#[component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    html! {
        <div class="lc-skeleton" role="status">
            <span class="lc-visually-hidden">{ props.ui.strings().loading }</span>
            <div class="lc-skeleton__line lc-skeleton__line--category" aria-hidden="true"></div>
            <div class="lc-skeleton__line lc-skeleton__line--title" aria-hidden="true"></div>
            <div class="lc-skeleton__line lc-skeleton__line--meta" aria-hidden="true"></div>
            <div class="lc-skeleton__para" aria-hidden="true">
                <div class="lc-skeleton__line"></div>
                <div class="lc-skeleton__line"></div>
                <div class="lc-skeleton__line lc-skeleton__line--short"></div>
            </div>
        </div>
    }
}

/// Properties of [`LoadFailed`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct LoadFailedProps {
    /// What went wrong.
    pub error: LoadError,
    pub ui: UiLang,
    /// Present when retrying can help.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// An alert saying in plain words what went wrong, with Retry where it helps.
#[component]
pub fn LoadFailed(props: &LoadFailedProps) -> Html {
    let retry = props.on_retry.as_ref().map(|on_retry| {
        let onclick = on_retry.reform(|_: MouseEvent| ());
        html! { <button type="button" class="lc-error__retry" {onclick}>{ props.ui.strings().retry }</button> }
    });
    html! {
        <div class="lc-error" role="alert">
            <p class="lc-error__message">{ props.ui.strings().error_message(&props.error) }</p>
            { for retry }
        </div>
    }
}
