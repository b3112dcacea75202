//! The size floor (`scripts/size-breakdown`): a Yew function component
//! with state, a button and a conditional paragraph, hydrated or rendered,
//! with Lectern's allocator. What any widget on this stack costs before
//! its first line of its own.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[component]
fn Floor() -> Html {
    let open = use_state(|| false);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <div>
            <button type="button" {onclick}>{ "Toggle" }</button>
            if *open {
                <p>{ "Hello" }</p>
            }
        </div>
    }
}

/// Hydrates the pre-rendered app in `root`, or renders it there.
#[wasm_bindgen]
pub fn start(root: web_sys::Element, hydrate: bool) {
    let renderer = yew::Renderer::<Floor>::with_root(root);
    if hydrate {
        std::mem::forget(renderer.hydrate());
    } else {
        std::mem::forget(renderer.render());
    }
}
