//! The container: fetches the document named by `src`, keeps the load state,
//! and decides which view to show. Stale responses never win: changing `src`
//! or unmounting aborts the request in flight and drops its result.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::article_view::ArticleView;
use super::status::{LoadFailed, Skeleton};
use crate::error::LoadError;
use crate::model::Article;

/// Properties of [`Reader`].
#[derive(Properties, PartialEq, Clone, Debug)]
pub struct ReaderProps {
    /// URL of the article's JSON document.
    pub src: AttrValue,
    /// Heading level of the article title: 1 on the standalone page, 2 in embeds.
    #[prop_or(2)]
    pub heading_level: u8,
}

/// The state of one load.
#[derive(Clone, PartialEq, Debug)]
enum Load {
    Loading,
    Ready(Rc<Article>),
    Failed(LoadError),
}

/// The widget: loads the article and shows it, a skeleton, or an error.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let load = use_state_eq(|| Load::Loading);
    // Bumped by Retry: a new value re-runs the fetch effect.
    let attempt = use_state(|| 0_u32);

    {
        let load = load.clone();
        use_effect_with((props.src.clone(), *attempt), move |(src, _)| {
            load.set(Load::Loading);
            let controller = web_sys::AbortController::new().ok();
            let signal = controller.as_ref().map(web_sys::AbortController::signal);
            let current = Rc::new(Cell::new(true));
            {
                let current = Rc::clone(&current);
                let src = src.to_string();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = crate::api::fetch_article(&src, signal.as_ref()).await;
                    if current.get() {
                        load.set(match result {
                            Ok(article) => Load::Ready(Rc::new(article)),
                            Err(error) => Load::Failed(error),
                        });
                    }
                });
            }
            move || {
                current.set(false);
                if let Some(controller) = controller {
                    controller.abort();
                }
            }
        });
    }

    let body = match &*load {
        Load::Loading => html! { <Skeleton /> },
        Load::Ready(article) => html! {
            <ArticleView article={Rc::clone(article)} heading_level={props.heading_level} />
        },
        Load::Failed(error) => {
            let on_retry = error.is_retryable().then(|| {
                let attempt = attempt.clone();
                Callback::from(move |()| attempt.set(attempt.wrapping_add(1)))
            });
            html! { <LoadFailed error={error.clone()} {on_retry} /> }
        }
    };
    html! { <div class="lectern">{ body }</div> }
}
