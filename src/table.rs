//! A table of records keyed by the registry's sequential identifiers.
//!
//! The registry hands out identifiers 1, 2, 3… in order, so records live in a vector indexed by
//! `id − 1`: no tree nodes, no per-record overhead. A ledger assembled by hand may carry ids out
//! of order; those go to an ordered map beside the vector, so applying an event never fails and
//! never allocates for a gap.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use crate::chunked::Chunked;
use crate::ids::{HouseholdId, ObservationId, ResidentId};

/// An identifier the registry hands out in order from 1.
pub(crate) trait SequentialId: Copy {
    /// Its number.
    fn number(self) -> u32;
}

macro_rules! sequential {
    ($($t:ty),*) => {$(
        impl SequentialId for $t {
            fn number(self) -> u32 {
                self.get()
            }
        }
    )*};
}
sequential!(HouseholdId, ResidentId, ObservationId);

/// Records keyed by identifiers numbered from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Table<K, T> {
    dense: Chunked<Option<T>>,
    sparse: BTreeMap<u32, T>,
    key: PhantomData<K>,
}

impl<K, T> Default for Table<K, T> {
    fn default() -> Self {
        Table {
            dense: Chunked::default(),
            sparse: BTreeMap::new(),
            key: PhantomData,
        }
    }
}

impl<K: SequentialId, T> Table<K, T> {
    /// Inserts or replaces the record with identifier `key`.
    pub(crate) fn insert(&mut self, key: K, value: T) {
        let id = key.number();
        let Some(index) = (id as usize).checked_sub(1) else {
            self.sparse.insert(id, value);
            return;
        };
        if let Some(slot) = self.dense.get_mut(index) {
            *slot = Some(value);
            return;
        }
        if index == self.dense.len() {
            self.dense.push(Some(value));
            // Ids that arrived early now fit at the end of the vector.
            while let Some(next) = self.sparse.remove(&(self.dense.len() as u32 + 1)) {
                self.dense.push(Some(next));
            }
        } else {
            self.sparse.insert(id, value);
        }
    }

    /// The record with identifier `key`.
    pub(crate) fn get(&self, key: &K) -> Option<&T> {
        let id = key.number();
        match (id as usize).checked_sub(1).and_then(|i| self.dense.get(i)) {
            Some(slot) => slot.as_ref(),
            None => self.sparse.get(&id),
        }
    }

    /// The record with identifier `key`, to change.
    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut T> {
        let id = key.number();
        match (id as usize).checked_sub(1) {
            Some(i) if i < self.dense.len() => self.dense.get_mut(i).and_then(Option::as_mut),
            _ => self.sparse.get_mut(&id),
        }
    }

    /// The records in identifier order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &T> {
        let dense_len = self.dense.len() as u32;
        let (low, high): (Vec<_>, Vec<_>) = self.sparse.iter().partition(|(k, _)| **k <= dense_len);
        // Out-of-order ids below the vector's end can only be 0 (the vector holds every other).
        low.into_iter()
            .map(|(_, v)| v)
            .chain(self.dense.iter().filter_map(Option::as_ref))
            .chain(high.into_iter().map(|(_, v)| v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_ids_fill_the_vector_and_stray_ids_wait_beside_it() {
        let mut t: Table<HouseholdId, &str> = Table::default();
        let h = HouseholdId::new;
        t.insert(h(1), "a");
        t.insert(h(3), "c");
        assert_eq!(t.get(&h(3)), Some(&"c"));
        assert_eq!(t.values().count(), 2);
        t.insert(h(2), "b");
        assert_eq!(t.values().copied().collect::<Vec<_>>(), ["a", "b", "c"]);
        t.insert(h(u32::MAX), "z");
        t.insert(h(0), "zero");
        assert_eq!(
            t.values().copied().collect::<Vec<_>>(),
            ["zero", "a", "b", "c", "z"]
        );
        t.insert(h(2), "B");
        assert_eq!(t.values().count(), 5);
        *t.get_mut(&h(3)).unwrap() = "C";
        assert_eq!(t.get(&h(2)), Some(&"B"));
        assert_eq!(t.get(&h(3)), Some(&"C"));
        assert_eq!(t.get(&h(4)), None);
    }
}
