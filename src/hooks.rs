//! Browser observers the Reader's effects use; without a browser they
//! observe nothing.

use yew::NodeRef;

/// Calls `on_change(out_of_view)` when the element behind `node` leaves or
/// enters the viewport (an `IntersectionObserver`, no scroll handler). It
/// observes as long as the value returned lives.
#[cfg(target_arch = "wasm32")]
pub fn observe(node: &NodeRef, on_change: impl Fn(bool) + 'static) -> Option<Observer> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let element = node.cast::<web_sys::Element>()?;
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
        {
            on_change(!entry.is_intersecting());
        }
    });
    let observer = web_sys::IntersectionObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&element);
    Some(Observer(observer, closure))
}

/// An observation; dropping it disconnects the observer.
#[cfg(target_arch = "wasm32")]
pub struct Observer(
    web_sys::IntersectionObserver,
    /// Kept alive for as long as the observer calls it.
    #[allow(dead_code)]
    wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
);

#[cfg(target_arch = "wasm32")]
impl Drop for Observer {
    fn drop(&mut self) {
        self.0.disconnect();
    }
}

/// Without a browser there is nothing to observe.
#[cfg(not(target_arch = "wasm32"))]
pub struct Observer;

/// Without a browser there is nothing to observe.
#[cfg(not(target_arch = "wasm32"))]
pub fn observe(_node: &NodeRef, _on_change: impl Fn(bool) + 'static) -> Option<Observer> {
    None
}
