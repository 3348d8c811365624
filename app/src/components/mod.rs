pub mod article;
pub mod charts;
pub mod explain;
pub mod fields;
pub mod form;
pub mod keys;
pub mod nav;
pub mod results;
