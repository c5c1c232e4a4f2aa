//! Work spread over every core, with the results used in order on the calling thread.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` for the items `0..count` on one thread per core, each thread with a scratch `S`
/// of its own that it reuses from item to item, and hands the results to `sink` in item order
/// on the calling thread while the others work on. The first error from `sink` stops the
/// work and is returned.
pub fn ordered<S, T, E>(
    count: usize,
    work: impl Fn(usize, &mut S) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    S: Default,
    T: Send,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(count);
    if threads <= 1 {
        let mut scratch = S::default();
        return (0..count).try_for_each(|i| sink(work(i, &mut scratch)));
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                let mut scratch = S::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    if send.send((i, work(i, &mut scratch))).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold senders now: `recv` fails once they have all finished.
        drop(send);
        // Results that arrived before their turn.
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        while turn < count {
            let result = match waiting.remove(&turn) {
                Some(result) => result,
                None => match receive.recv() {
                    Ok((i, result)) if i == turn => result,
                    Ok((i, result)) => {
                        waiting.insert(i, result);
                        continue;
                    }
                    // A worker panicked; the scope passes its panic on.
                    Err(_) => break,
                },
            };
            if let Err(e) = sink(result) {
                stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
            turn += 1;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::ordered;

    #[test]
    fn results_arrive_in_order_whatever_order_they_finish_in() {
        let mut seen = Vec::new();
        let result: Result<(), ()> = ordered(
            200,
            |i, calls: &mut usize| {
                *calls += 1;
                // Early items take longest, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros(
                    ((200 - i) % 7) as u64 * 50,
                ));
                i * 2
            },
            |v| {
                seen.push(v);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(seen, (0..200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_from_the_sink_stops_the_work() {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let result = ordered(
            1_000,
            |i, _: &mut ()| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_micros(200));
                i
            },
            |i| if i == 3 { Err(i) } else { Ok(()) },
        );
        assert_eq!(result, Err(3));
        assert!(done.into_inner() < 1_000);
    }

    #[test]
    fn nothing_to_do_is_fine() {
        let result: Result<(), ()> = ordered(0, |i, _: &mut ()| i, |_| panic!("no items"));
        assert_eq!(result, Ok(()));
    }
}
