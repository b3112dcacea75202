//! Progress on a terminal for long runs: pages done, rate, time left.

use std::io::IsTerminal as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Counts rendered pages and, on a terminal, says how far along the run is.
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    started: Instant,
    last: Mutex<Instant>,
    shown: bool,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        Self {
            total,
            done: AtomicUsize::new(0),
            started: Instant::now(),
            last: Mutex::new(Instant::now()),
            // Only where someone watches: never in logs or pipes.
            shown: std::io::stderr().is_terminal() && total > 0,
        }
    }

    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.shown {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.elapsed().as_millis() < 250 && done < self.total {
            return;
        }
        *last = Instant::now();
        let seconds = self.started.elapsed().as_secs_f64().max(0.001);
        #[allow(clippy::cast_precision_loss)]
        let rate = done as f64 / seconds;
        #[allow(clippy::cast_precision_loss)]
        let left = (self.total - done) as f64 / rate.max(0.001);
        eprint!(
            "\rpublish: {done}/{} pages, {rate:.0}/s, {left:.0} s left   ",
            self.total
        );
        if done == self.total {
            eprintln!();
        }
    }
}
