//! Issue 14 (memory): the index from identity numbers to residents.
//!
//! An ordered map of identity numbers (18 bytes a key, in tree nodes) cost about 40 bytes per
//! resident, a fifth of the state. The residents table already holds every resident's identity
//! number, so the index holds only resident numbers: an open-addressing hash table with linear
//! probing, 4 bytes a slot and a 1-byte tag (8 bits of the hash, 0 for an empty slot) so that a
//! probe reads a resident's record only when the tags agree. At most seven eighths full (the tags
//! keep the longer probes of a fuller table cheap: a probe reads one byte a slot): 5.7 to 11.4
//! bytes per resident. Keys are read from the residents table, so every change to a
//! resident's identity number goes through [`IdentityIndex::remove`] before and
//! [`IdentityIndex::insert`] after (see `GridState::apply`).

use std::fmt;

use crate::household::Resident;
use crate::identity::IdentityNumber;
use crate::ids::ResidentId;
use crate::table::Table;

/// The residents table the index reads its keys from.
type Residents = Table<ResidentId, Resident>;

/// Identity numbers (of registered residents) to resident numbers.
#[derive(Clone, Default)]
pub(crate) struct IdentityIndex {
    /// Resident numbers; meaningful where the tag is not 0.
    slots: Vec<u32>,
    /// 0 for an empty slot, else 8 bits of the key's hash (never 0).
    tags: Vec<u8>,
    len: usize,
}

/// The hash of an identity number: its 17 digits as a number (the check character follows from
/// them), mixed (Fibonacci hashing).
fn hash(id: &IdentityNumber) -> u64 {
    id.digits().wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The tag of a hash: its top 8 bits, never 0.
fn tag(h: u64) -> u8 {
    ((h >> 56) as u8).max(1)
}

impl IdentityIndex {
    /// How many identity numbers it holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The first slot to probe for hash `h` (the table is not empty).
    fn home(&self, h: u64) -> usize {
        // The low bits, after the multiplication mixed the high ones into them.
        ((h ^ (h >> 29)) as usize) & (self.slots.len() - 1)
    }

    /// Whether the resident in `slot` has identity number `id`.
    fn holds(&self, slot: usize, id: &IdentityNumber, residents: &Residents) -> bool {
        residents
            .get(&ResidentId::new(self.slots[slot]))
            .is_some_and(|r| r.details.identity.as_ref() == Some(id))
    }

    /// The slot holding `id`, if any.
    fn find(&self, id: &IdentityNumber, residents: &Residents) -> Option<usize> {
        if self.len == 0 {
            return None;
        }
        let h = hash(id);
        let t = tag(h);
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        // At most every slot (the table is never full, so an empty one ends the probe first).
        for _ in 0..self.slots.len() {
            match self.tags[i] {
                0 => return None,
                x if x == t && self.holds(i, id, residents) => return Some(i),
                _ => i = (i + 1) & mask,
            }
        }
        None
    }

    /// The resident with identity number `id`.
    pub(crate) fn get(&self, id: &IdentityNumber, residents: &Residents) -> Option<ResidentId> {
        self.find(id, residents)
            .map(|slot| ResidentId::new(self.slots[slot]))
    }

    /// Indexes `resident` under `id` (replacing whoever was indexed under it). The resident's
    /// record need not be in the table yet, but any other record under `id` must be.
    pub(crate) fn insert(
        &mut self,
        id: &IdentityNumber,
        resident: ResidentId,
        residents: &Residents,
    ) {
        if let Some(slot) = self.find(id, residents) {
            self.slots[slot] = resident.get();
            return;
        }
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow(residents);
        }
        self.place(hash(id), resident.get());
        self.len += 1;
    }

    /// Puts a resident number in the first free slot from the home of `h`.
    fn place(&mut self, h: u64, resident: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        while self.tags[i] != 0 {
            i = (i + 1) & mask;
        }
        self.tags[i] = tag(h);
        self.slots[i] = resident;
    }

    /// Doubles the table and places every entry again (their keys read from `residents`).
    fn grow(&mut self, residents: &Residents) {
        let capacity = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(
            self,
            IdentityIndex {
                slots: vec![0; capacity],
                tags: vec![0; capacity],
                len: 0,
            },
        );
        for (slot, t) in old.slots.into_iter().zip(old.tags) {
            if t == 0 {
                continue;
            }
            let key = residents
                .get(&ResidentId::new(slot))
                .and_then(|r| r.details.identity.as_ref());
            // Every indexed resident has its identity number in the table (see the module's
            // notes); one that has not could not be found anyway.
            if let Some(key) = key {
                self.place(hash(key), slot);
                self.len += 1;
            }
        }
    }

    /// Removes `id` from the index (while the table still gives it as the resident's number).
    pub(crate) fn remove(&mut self, id: &IdentityNumber, residents: &Residents) {
        let Some(mut hole) = self.find(id, residents) else {
            return;
        };
        self.tags[hole] = 0;
        self.len -= 1;
        // Backward shift: move up every entry of the run after the hole that may sit there.
        let mask = self.slots.len() - 1;
        let mut i = (hole + 1) & mask;
        while self.tags[i] != 0 {
            let key = residents
                .get(&ResidentId::new(self.slots[i]))
                .and_then(|r| r.details.identity.as_ref());
            let home = key.map_or(i, |k| self.home(hash(k)));
            // The entry at i may move to the hole if its home is not in (hole, i] (cyclically).
            let stays = if hole <= i {
                hole < home && home <= i
            } else {
                hole < home || home <= i
            };
            if !stays {
                self.tags[hole] = self.tags[i];
                self.slots[hole] = self.slots[i];
                self.tags[i] = 0;
                hole = i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The resident numbers held, sorted.
    fn sorted(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .slots
            .iter()
            .zip(&self.tags)
            .filter(|(_, t)| **t != 0)
            .map(|(s, _)| *s)
            .collect();
        v.sort_unstable();
        v
    }
}

/// Two indexes are equal if they index the same residents (their keys are the residents'
/// identity numbers, compared with the residents table).
impl PartialEq for IdentityIndex {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.sorted() == other.sorted()
    }
}

impl Eq for IdentityIndex {}

/// Never the identity numbers: only how many.
impl fmt::Debug for IdentityIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdentityIndex({} residents)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::calendar::Day;
    use crate::household::{Relation, ResidentDetails};
    use crate::identity::Sex;
    use crate::ids::HouseholdId;

    /// The `k`-th of many valid identity numbers (born in January 1980).
    fn number(k: u32) -> IdentityNumber {
        let first17 = format!("4301001980{:02}{:02}{:03}", 1, 1 + k % 28, k / 28 % 1000);
        let check = IdentityNumber::check_character(&first17).unwrap();
        format!("{first17}{check}").parse().unwrap()
    }

    fn resident(id: u32, identity: Option<IdentityNumber>) -> Resident {
        let mut details = ResidentDetails::new("Wang", Sex::Male, Day::MIN, Relation::Head);
        details.identity = identity;
        Resident {
            id: ResidentId::new(id),
            household: HouseholdId::new(1),
            details,
            deregistered: None,
        }
    }

    #[test]
    fn finds_every_resident_through_registrations_corrections_and_deregistrations() {
        // Given 6,000 residents registered with identity numbers, indexed as the grid does
        let mut table: Residents = Table::default();
        let mut index = IdentityIndex::default();
        let mut model: BTreeMap<IdentityNumber, ResidentId> = BTreeMap::new();
        for k in 1..=6000 {
            let id = number(k);
            table.insert(ResidentId::new(k), resident(k, Some(id)));
            index.insert(&id, ResidentId::new(k), &table);
            model.insert(id, ResidentId::new(k));
        }
        // When every third leaves (the index forgets them first) and every fifth has their
        // number corrected to one nobody had
        for k in (3..=6000).step_by(3) {
            let id = number(k);
            index.remove(&id, &table);
            model.remove(&id);
        }
        for k in (5..=6000).step_by(5) {
            let r = ResidentId::new(k);
            let old = table.get(&r).and_then(|x| x.details.identity).unwrap();
            if model.get(&old) == Some(&r) {
                index.remove(&old, &table);
                model.remove(&old);
            }
            let new = number(k + 10_000);
            table.insert(r, resident(k, Some(new)));
            index.insert(&new, r, &table);
            model.insert(new, r);
        }
        // Then the index answers as an ordered map would, for every number ever used
        assert_eq!(index.len(), model.len());
        for k in 1..=16_000 {
            let id = number(k);
            assert_eq!(
                index.get(&id, &table),
                model.get(&id).copied(),
                "number {k}"
            );
        }
        // And a copy built in another order is equal, and its Debug shows no number
        let mut other = IdentityIndex::default();
        for (id, r) in model.iter().rev() {
            other.insert(id, *r, &table);
        }
        assert_eq!(other, index);
        assert_eq!(
            format!("{index:?}"),
            format!("IdentityIndex({} residents)", model.len())
        );
    }

    #[test]
    fn a_number_registered_again_points_to_the_new_resident() {
        // Given a resident indexed under a number
        let mut table: Residents = Table::default();
        let mut index = IdentityIndex::default();
        let id = number(7);
        table.insert(ResidentId::new(1), resident(1, Some(id)));
        index.insert(&id, ResidentId::new(1), &table);
        // When another resident is indexed under the same number (a ledger assembled by hand)
        table.insert(ResidentId::new(2), resident(2, Some(id)));
        index.insert(&id, ResidentId::new(2), &table);
        // Then the number points to the new one, once
        assert_eq!(index.get(&id, &table), Some(ResidentId::new(2)));
        assert_eq!(index.len(), 1);
        // And removing the number forgets it
        index.remove(&id, &table);
        assert_eq!(index.get(&id, &table), None);
    }
}
