//! A vector that grows by chunks, for the registry's large tables and the ledger.

/// Elements per chunk (a power of two): a chunked vector grows a chunk at a time, so it never
/// holds more than a fifth of its last chunk as unused room once that chunk is past CHUNK / 8
/// elements (a single vector doubling would hold up to as much again as it uses) and never
/// moves what it already holds.
const CHUNK: usize = 4096;

/// A vector that grows by fixed chunks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Chunked<T> {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    pub(crate) fn push(&mut self, value: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => {
                // The last chunk grows by doubling while small, then by a quarter, up to
                // exactly CHUNK: at most a fifth of it is spare room (issue 14).
                if last.len() == last.capacity() {
                    let step = if last.len() < CHUNK / 8 {
                        last.len()
                    } else {
                        last.len() / 4
                    };
                    last.reserve_exact(step.clamp(1, CHUNK - last.len()));
                }
                last.push(value);
            }
            _ => self.chunks.push(vec![value]),
        }
        self.len += 1;
    }

    /// As [`push`](Chunked::push), for a table that grows large and is rarely measured for
    /// spare room (the ledger): the first chunk grows as `push` grows it, so a small table
    /// stays small; every later chunk is reserved whole when it starts, so appending never
    /// copies a chunk (with a quarter's growth, a 4,096-entry chunk of the ledger was copied
    /// about ten times as it filled). The spare room is at most the one chunk being filled.
    pub(crate) fn push_whole(&mut self, value: T) {
        let several = self.chunks.len() > 1;
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK && several => {
                // A clone holds no spare room: grow it to the whole chunk, not by doubling.
                if last.len() == last.capacity() {
                    last.reserve_exact(CHUNK - last.len());
                }
                last.push(value);
            }
            Some(_) if self.len >= CHUNK && self.len.is_multiple_of(CHUNK) => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(value);
                self.chunks.push(chunk);
                self.len += 1;
                return;
            }
            _ => {
                self.push(value);
                return;
            }
        }
        self.len += 1;
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

impl<T> Chunked<T> {
    /// The bytes of room reserved and not used (the memory bench: a clone holds none).
    #[cfg(feature = "synth")]
    pub(crate) fn spare_bytes(&self) -> usize {
        let inner: usize = self.chunks.iter().map(|c| c.capacity() - c.len()).sum();
        inner * std::mem::size_of::<T>()
            + (self.chunks.capacity() - self.chunks.len()) * std::mem::size_of::<Vec<T>>()
    }
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    /// Whether it holds nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The last element.
    pub(crate) fn last(&self) -> Option<&T> {
        self.chunks.last()?.last()
    }

    /// The chunks, first to last: contiguous slices of at most [`CHUNK`] elements, for work
    /// done a chunk at a time (on several threads, say).
    pub(crate) fn chunks(&self) -> impl Iterator<Item = &[T]> {
        self.chunks.iter().map(Vec::as_slice)
    }

    /// The elements from index `from` on.
    pub(crate) fn iter_from(&self, from: usize) -> impl Iterator<Item = &T> {
        let first = from / CHUNK;
        let skip = from % CHUNK;
        self.chunks
            .iter()
            .skip(first)
            .enumerate()
            .flat_map(move |(k, c)| c.iter().skip(if k == 0 { skip } else { 0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_and_iterates_across_chunk_boundaries() {
        let mut c = Chunked::default();
        assert!(c.is_empty() && c.last().is_none());
        for i in 0..(2 * CHUNK + 3) {
            c.push(i);
        }
        assert_eq!(c.len(), 2 * CHUNK + 3);
        assert_eq!(c.get(CHUNK), Some(&CHUNK));
        assert_eq!(c.last(), Some(&(2 * CHUNK + 2)));
        assert_eq!(c.get(2 * CHUNK + 3), None);
        for from in [
            0,
            1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            2 * CHUNK + 2,
            2 * CHUNK + 3,
        ] {
            let got: Vec<usize> = c.iter_from(from).copied().collect();
            let want: Vec<usize> = (from..2 * CHUNK + 3).collect();
            assert_eq!(got, want, "from {from}");
        }
        *c.get_mut(5).unwrap() = 0;
        // Pushed whole or grown, the same elements in the same places.
        let mut w = Chunked::default();
        for i in 0..(2 * CHUNK + 3) {
            w.push_whole(i);
        }
        assert_eq!(w.len(), 2 * CHUNK + 3);
        assert!(w.iter().copied().eq(0..2 * CHUNK + 3));
        assert_eq!(w.chunks.len(), 3);
        assert_eq!(w.chunks[1].capacity(), CHUNK);
        assert_eq!(w.chunks[2].capacity(), CHUNK);
        // A clone's last chunk, grown again, is reserved whole too.
        let mut c = w.clone();
        c.push_whole(0);
        assert_eq!(c.chunks[2].capacity(), CHUNK);
        assert_eq!(c.iter().filter(|x| **x == 0).count(), 2);
    }
}
