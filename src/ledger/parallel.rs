//! How many threads the ledger's digests are computed on (issue 14).

use std::num::NonZeroUsize;

/// How many threads verification, reading and replay may use to compute the records' SHA-256
/// digests and to read records (并行度). The chain itself is always walked in order, on the
/// calling thread, so every result and every error is the same at any number of threads.
///
/// The default is [`Parallelism::available`]: every core the operating system offers
/// (`std::thread::available_parallelism`), or one thread where that cannot be known. Small
/// ledgers (fewer than a few hundred entries per thread) are checked on the calling thread
/// alone, whatever is asked: starting a thread would cost more than it saves. Where the system
/// refuses a thread (a limit on threads or processes), that part is done on the calling thread:
/// the call still returns, with the same result.
///
/// ```
/// use fangkong::{Founding, Registry};
/// use fangkong::ledger::Parallelism;
/// let t = "2020-01-23T15:00:00+08:00".parse()?;
/// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let head = reg.ledger().verify_with(Parallelism::ONE)?;
/// assert_eq!(reg.ledger().verify_with(Parallelism::new(4))?, head);
/// assert_eq!(Parallelism::new(0), Parallelism::ONE);
/// # Ok::<(), fangkong::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Parallelism(NonZeroUsize);

impl Parallelism {
    /// The calling thread alone.
    pub const ONE: Parallelism = Parallelism(NonZeroUsize::MIN);

    /// At most `threads` threads, the calling one included (0 is taken as 1).
    pub fn new(threads: usize) -> Parallelism {
        Parallelism(NonZeroUsize::new(threads).unwrap_or(NonZeroUsize::MIN))
    }

    /// Every core the operating system offers, or one thread where that cannot be known.
    pub fn available() -> Parallelism {
        Parallelism(std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN))
    }

    /// The number of threads, the calling one included.
    pub fn threads(self) -> usize {
        self.0.get()
    }
}

impl Default for Parallelism {
    /// [`Parallelism::available`].
    fn default() -> Parallelism {
        Parallelism::available()
    }
}

/// The fewest items worth a thread of their own.
const MIN_PER_THREAD: usize = 256;

/// `f` applied to every item, in order, split in contiguous parts over at most `p` threads
/// (scoped: all have finished when this returns).
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    p: Parallelism,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = p.threads().min(items.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let part = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let mut parts = items.chunks(part);
        let first = parts.next().unwrap_or_default();
        // A part whose thread the system refuses (a limit on threads or processes) is done
        // on the calling thread instead: the same results, later.
        let handles: Vec<_> = parts
            .map(|part| {
                std::thread::Builder::new()
                    .spawn_scoped(s, move || part.iter().map(f).collect::<Vec<R>>())
                    .map_err(|_| part)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        out.extend(first.iter().map(f));
        for h in handles {
            match h {
                // `f` does not panic; if it ever did, the panic goes on in the caller.
                Ok(h) => out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
                Err(part) => out.extend(part.iter().map(f)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_their_order_at_any_number_of_threads() {
        let items: Vec<u32> = (0..5000).collect();
        let one = map(&items, Parallelism::ONE, |x| x * 3);
        for t in 0..=5 {
            assert_eq!(
                map(&items, Parallelism::new(t), |x| x * 3),
                one,
                "{t} threads"
            );
        }
        assert!(map(&[] as &[u32], Parallelism::new(4), |x| *x).is_empty());
    }
}
