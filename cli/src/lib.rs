//! `lectern-cli`'s commands as a library: the binary (`main.rs`) parses the
//! command line and calls them; the fuzz targets (`fuzz/`) and the tests
//! call them directly.

pub mod check;
pub mod convert;
pub mod files;
pub mod import;
pub mod publish;
pub mod render;
