//! Hooks that wrap browser APIs; they act only in effects.

use yew::prelude::*;

/// Whether the element behind `node` is out of the viewport, observed with an
/// `IntersectionObserver`. `false` until the browser says otherwise (and
/// always, without a browser).
#[hook]
pub fn use_out_of_view(node: NodeRef) -> bool {
    let out = use_state_eq(|| false);
    {
        let out = out.clone();
        use_effect_with(node, move |node| {
            let observer = observe(node, move |intersecting| out.set(!intersecting));
            move || {
                if let Some(observer) = observer {
                    disconnect(observer);
                }
            }
        });
    }
    *out
}

#[cfg(target_arch = "wasm32")]
type Observer = (
    web_sys::IntersectionObserver,
    wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
);

#[cfg(target_arch = "wasm32")]
fn observe(node: &NodeRef, on_change: impl Fn(bool) + 'static) -> Option<Observer> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let element = node.cast::<web_sys::Element>()?;
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            on_change(entry.is_intersecting());
        }
    });
    let observer = web_sys::IntersectionObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&element);
    Some((observer, closure))
}

#[cfg(target_arch = "wasm32")]
fn disconnect((observer, _closure): Observer) {
    observer.disconnect();
}

/// Without a browser there is nothing to observe.
#[cfg(not(target_arch = "wasm32"))]
type Observer = std::convert::Infallible;

#[cfg(not(target_arch = "wasm32"))]
fn observe(_node: &NodeRef, _on_change: impl Fn(bool) + 'static) -> Option<Observer> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn disconnect(observer: Observer) {
    match observer {}
}
