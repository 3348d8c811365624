//! The checks every number goes through, each recording a [`FieldError`] with the
//! input's path.

use super::FieldError;

pub(super) const MAX_INPUT: f64 = 1e12;

/// Collects every problem, so a document gets all its errors at once.
pub(super) struct Checker {
    pub(super) errors: Vec<FieldError>,
}

impl Checker {
    pub(super) fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }
    pub(super) fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            true
        } else {
            self.push(path, "must be a number");
            false
        }
    }
    pub(super) fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) {
            if v <= 0.0 {
                self.push(path, "must be above 0");
            } else {
                self.at_most(path, v);
            }
        }
    }
    pub(super) fn non_negative(&mut self, path: &str, v: f64) {
        if self.finite(path, v) {
            if v < 0.0 {
                self.push(path, "cannot be negative");
            } else {
                self.at_most(path, v);
            }
        }
    }
    /// Far beyond any real workload or price; keeps sums and products finite.
    pub(super) fn at_most(&mut self, path: &str, v: f64) {
        if v > MAX_INPUT {
            self.push(path, "is too large (at most 1e12)");
        }
    }
    pub(super) fn share(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.push(path, "must be between 0 and 1");
        }
    }
    pub(super) fn range(&mut self, path: &str, v: f64, lo: f64, hi: f64) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            self.push(path, format!("must be between {lo} and {hi}"));
        }
    }
    pub(super) fn quality(&mut self, path: &str, q: u8) {
        if !(1..=3).contains(&q) {
            self.push(path, "must be 1 (small), 2 (mid) or 3 (frontier)");
        }
    }
}
