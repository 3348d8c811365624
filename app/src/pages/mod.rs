pub mod benchmarks;
pub mod editor;
pub mod history;
pub mod home;
pub mod not_found;
pub mod present;
pub mod print;
pub mod view;
