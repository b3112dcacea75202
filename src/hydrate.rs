//! Bringing a pre-rendered article to life. Yew's hydration walks the
//! pre-rendered DOM alongside the widget's first view and panics on the
//! first node that does not fit; under `panic = "abort"` that would stop
//! every widget on the page. So the pre-render is first checked against the
//! view with the same rules Yew applies ([`fits`]): it is hydrated only when
//! it fits, and replaced otherwise. Nothing in the check depends on comments
//! (minifiers strip them) or on text (browser translation rewrites it;
//! hydration overwrites text anyway): the component markers Yew needs
//! around the root are added here, just before hydrating.

use std::collections::VecDeque;

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};
use yew::virtual_dom::VNode;
use yew::Html;

/// The child nodes of `parent`, in order, but for its comments, which are
/// removed (none belong to the view; Yew's hydration would take them for
/// component markers).
fn children(parent: &Node) -> VecDeque<Node> {
    let mut nodes = VecDeque::new();
    let mut next = parent.first_child();
    while let Some(node) = next {
        next = node.next_sibling();
        if node.node_type() == Node::COMMENT_NODE {
            let _ = parent.remove_child(&node);
        } else {
            nodes.push_back(node);
        }
    }
    nodes
}

/// Drops the text nodes at the front of `nodes`, as Yew does before an
/// element (whitespace between tags).
fn skip_text(nodes: &mut VecDeque<Node>) {
    while nodes
        .front()
        .is_some_and(|n| n.node_type() == Node::TEXT_NODE)
    {
        nodes.pop_front();
    }
}

/// Whether `view` can hydrate the front of `nodes` (which it consumes),
/// by the rules of Yew 0.23's hydration: an element must be an element of
/// the same tag whose children fit and leave nothing but text (an input:
/// none at all); a text takes
/// a text node when there is one (and is created otherwise); a list takes
/// its children in order; anything else (a component, a raw node) is not
/// checked here, so it does not fit.
fn fits(view: &VNode, nodes: &mut VecDeque<Node>) -> bool {
    match view {
        VNode::VTag(tag) => {
            skip_text(nodes);
            let Some(element) = nodes.pop_front().and_then(|n| n.dyn_into::<Element>().ok()) else {
                return false;
            };
            if !element.tag_name().eq_ignore_ascii_case(tag.tag()) {
                return false;
            }
            // An `<input>` holds no children (Yew keeps its value and
            // checked state instead).
            let Some(inner) = tag.children() else {
                return element.first_element_child().is_none();
            };
            let mut inside = children(&element);
            let ok = fits(inner, &mut inside);
            skip_text(&mut inside);
            ok && inside.is_empty()
        }
        VNode::VText(_) => {
            if nodes
                .front()
                .is_some_and(|n| n.node_type() == Node::TEXT_NODE)
            {
                nodes.pop_front();
            }
            true
        }
        VNode::VList(list) => list.iter().all(|child| fits(child, nodes)),
        _ => false,
    }
}

/// Whether the children of `root` are exactly what `view` renders (the
/// comments in what it walks are removed on the way).
#[must_use]
pub fn fits_root(root: &Element, view: &Html) -> bool {
    let mut nodes = children(root);
    let ok = fits(view, &mut nodes);
    skip_text(&mut nodes);
    ok && nodes.is_empty()
}

/// Makes `root`, which [`fits_root`], ready for `Renderer::hydrate`: puts
/// the markers of `depth` nested components (the app's root and the ones
/// it renders, one inside the other) in place.
#[must_use]
pub fn mark(root: &Element, depth: u8) -> bool {
    let Some(document) = root.owner_document() else {
        return false;
    };
    (0..depth).all(|_| {
        let open = document.create_comment("<[]>");
        let close = document.create_comment("</[]>");
        root.prepend_with_node_1(&open).is_ok() && root.append_with_node_1(&close).is_ok()
    })
}
