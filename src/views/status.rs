//! Views for the states before and instead of an article: the loading
//! skeleton and the error alert with its Retry button.

use yew::prelude::*;

use crate::error::LoadError;
use crate::i18n::{Catalog, Key};

/// A placeholder shaped like the article's header and first paragraphs, so
/// that nothing jumps when the article arrives. (The views in this file are
/// functions, not components: they hold no state, and a component costs
/// wasm bytes of its own.)
pub fn skeleton(ui: &Catalog) -> Html {
    html! {
        <div class="lc-skeleton" role="status">
            <span class="lc-visually-hidden">{ ui.text(Key::Loading) }</span>
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

/// An alert saying in plain words what went wrong (`error`), with Retry
/// where it helps (`on_retry`); first, when the reader sees a saved copy,
/// from when (`saved`).
pub fn load_failed(
    error: &LoadError,
    ui: &Catalog,
    on_retry: Option<&Callback<()>>,
    saved: Option<&str>,
) -> Html {
    let message = match saved {
        Some(date) => format!(
            "{} {}",
            ui.with(Key::SavedCopy, "{date}", date),
            ui.error_message(error)
        ),
        None => ui.error_message(error),
    };
    let retry = on_retry.map(|on_retry| {
        let onclick = on_retry.reform(|_: MouseEvent| ());
        html! { <button type="button" class="lc-error__retry" {onclick}>{ ui.text(Key::Retry) }</button> }
    });
    html! {
        <div class="lc-error" role="alert">
            <p class="lc-error__message">{ message }</p>
            { for retry }
        </div>
    }
}
