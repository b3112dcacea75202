//! The widget's components, one per file: containers fetch and decide, views
//! only render their props.

pub mod article_view;
pub mod reader;
pub mod status;
