//! On a phone the chart is drawn for the screen: the server draws it at the width its box
//! has, with the type the editor's column shows a laptop's chart in, where a 960 drawing
//! would have to scroll sideways. On a wider screen (or a phone turned), 960 x 540 again.

use crate::dto::ChartOptions;
use leptos::prelude::*;

/// Below this width of its box, a chart is drawn for the box.
const FIT_BELOW: u32 = 600;

/// The size to draw a chart whose box is `room` CSS pixels wide: the usual 960 x 540 for
/// a wide box (or one not laid out), else the box's width in steps of 10 (320 at least),
/// a quarter taller than wide, as a phone held upright shows it.
pub(super) fn size_for(room: i32) -> (u32, u32) {
    match u32::try_from(room) {
        Ok(r) if r > 0 && r < FIT_BELOW => {
            let w = (r / 10 * 10).max(320);
            (w, w * 5 / 4)
        }
        _ => {
            let d = ChartOptions::default();
            (d.width, d.height)
        }
    }
}

/// Whether a chart of this width was drawn for a narrow box: shown at its own size, with
/// nothing to scroll.
pub(super) fn fitted(width: u32) -> bool {
    width < FIT_BELOW
}

/// The widest window that is a phone's: the stylesheet's breakpoint for a chart that
/// scrolls. A wider window keeps the usual drawing (the editor is one column up to
/// 1,200 px, so its chart's box is wide there).
const PHONE_WINDOW: i32 = 640;

/// Keeps the options' size fitted to the box around `frame`: once it is in the page, and
/// 150 ms after the window's size last changed (a drag asks once, not per pixel). A
/// change of size asks the server for the chart again, as any change of the options does.
pub(super) fn keep_fitted(frame: NodeRef<leptos::html::Div>, opts: RwSignal<ChartOptions>) {
    let fit = move || {
        let Some(el) = frame.get_untracked() else {
            return;
        };
        let phone = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w <= f64::from(PHONE_WINDOW));
        let room = match phone {
            true => el.parent_element().map_or(0, |p| p.client_width()),
            false => 0,
        };
        let (w, h) = size_for(room);
        if opts.with_untracked(|o| (o.width, o.height)) != (w, h) {
            opts.update(|o| {
                o.width = w;
                o.height = h;
            });
        }
    };
    Effect::new(move |_| {
        if frame.get().is_some() {
            fit();
        }
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let h = set_timeout_with_handle(fit, std::time::Duration::from_millis(150)).ok();
        pending.try_set_value(h);
    });
    on_cleanup(move || {
        handle.remove();
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phones_box_gets_a_drawing_of_its_width_a_laptops_the_usual_one() {
        assert_eq!(size_for(0), (960, 540), "not laid out yet");
        assert_eq!(size_for(-5), (960, 540));
        assert_eq!(size_for(1200), (960, 540));
        assert_eq!(size_for(600), (960, 540));
        assert_eq!(size_for(599), (590, 737));
        assert_eq!(size_for(344), (340, 425));
        assert_eq!(size_for(200), (320, 400), "never under the server's 320");
        assert!(fitted(size_for(344).0));
        assert!(!fitted(size_for(1200).0));
    }
}
