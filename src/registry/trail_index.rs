//! The audit trail's index: which ledger entries concern which subject.
//!
//! The registry numbers residents, households, observations, venues and staff from 1 up, so
//! the index keeps one small list of sequence numbers per subject in a table per kind, at the
//! subject's number (no search, no key stored). A list of one entry (most residents and
//! households: their registration) is held inline. A number beyond the next one to be issued
//! (a refused command can name any number) goes to a sorted map instead, so an entry grows a
//! table by at most two slots (48 bytes): no input makes a table grow out of proportion to the
//! ledger that names it.

use std::collections::BTreeMap;

use crate::audit::Subject;
use crate::chunked::Chunked;

/// How far past the end of its table a subject's number may be and still be kept there:
/// numbers are issued one after another from 1, so the next subject named is at the end of
/// its table or (the first, number 1, in an empty table) one past it.
const SLACK: usize = 2;

/// The sequence numbers of the entries that concern one subject, in ledger order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Seqs {
    #[default]
    None,
    One(u64),
    Many(Vec<u64>),
}

impl Seqs {
    fn push(&mut self, seq: u64) {
        match self {
            Seqs::None => *self = Seqs::One(seq),
            Seqs::One(first) => *self = Seqs::Many(vec![*first, seq]),
            Seqs::Many(all) => all.push(seq),
        }
    }

    fn as_slice(&self) -> &[u64] {
        match self {
            Seqs::None => &[],
            Seqs::One(seq) => std::slice::from_ref(seq),
            Seqs::Many(all) => all,
        }
    }
}

/// Which entries concern which subject (the audit trail's index).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TrailIndex {
    /// A table per kind of subject, at the subject's number.
    tables: [Chunked<Seqs>; 13],
    /// Subjects whose number was far beyond the table when they were first named.
    far: BTreeMap<Subject, Vec<u64>>,
}

/// The table of a subject and its place in it.
fn place(subject: &Subject) -> (usize, usize) {
    let (table, number) = match subject {
        Subject::Resident(id) => (0, id.get()),
        Subject::Household(id) => (1, id.get()),
        Subject::Observation(id) => (2, id.get()),
        Subject::Venue(id) => (3, id.get()),
        Subject::Staff(id) => (4, id.get()),
        Subject::Post(id) => (5, id.get()),
        Subject::Shift(id) => (6, id.get()),
        Subject::Site(id) => (7, id.get()),
        Subject::DisinfectionSchedule(id) => (8, id.get()),
        Subject::DisinfectionRound(id) => (9, id.get()),
        Subject::Store(id) => (10, id.get()),
        Subject::Lot(id) => (11, id.get()),
        Subject::Donation(id) => (12, id.get()),
    };
    (table, number as usize)
}

impl TrailIndex {
    /// Records that entry `seq` concerns `subject` (entries are indexed in ledger order).
    pub(crate) fn push(&mut self, subject: Subject, seq: u64) {
        let (t, at) = place(&subject);
        // A kind of subject without a table of its own is kept aside, never dropped.
        let Some(table) = self.tables.get_mut(t) else {
            self.far.entry(subject).or_default().push(seq);
            return;
        };
        if at >= table.len().saturating_add(SLACK) {
            self.far.entry(subject).or_default().push(seq);
            return;
        }
        while table.len() <= at {
            table.push(Seqs::None);
        }
        if let Some(seqs) = table.get_mut(at) {
            seqs.push(seq);
        }
    }

    /// The entries that concern `subject`, in ledger order.
    pub(crate) fn seqs(&self, subject: &Subject) -> Vec<u64> {
        let (t, at) = place(subject);
        // Entries kept in the map were indexed before any kept in the table.
        let mut out = self.far.get(subject).cloned().unwrap_or_default();
        if let Some(seqs) = self.tables.get(t).and_then(|table| table.get(at)) {
            out.extend_from_slice(seqs.as_slice());
        }
        out
    }

    /// The bytes of room its vectors reserve and do not use (the memory bench, issue 14: a
    /// clone holds none).
    #[cfg(feature = "synth")]
    pub(crate) fn spare_bytes(&self) -> usize {
        let lists = self
            .tables
            .iter()
            .flat_map(|t| t.iter())
            .filter_map(|s| match s {
                Seqs::Many(all) => Some(all),
                _ => None,
            })
            .chain(self.far.values())
            .map(|v| v.capacity() - v.len())
            .sum::<usize>();
        lists * std::mem::size_of::<u64>()
            + self.tables.iter().map(Chunked::spare_bytes).sum::<usize>()
    }

    /// How many subjects are kept aside, beyond their tables.
    #[cfg(all(test, feature = "synth"))]
    pub(crate) fn kept_aside(&self) -> usize {
        self.far.len()
    }

    /// How many entries concern `subject`.
    pub(crate) fn count(&self, subject: &Subject) -> usize {
        let (t, at) = place(subject);
        self.far.get(subject).map_or(0, Vec::len)
            + self
                .tables
                .get(t)
                .and_then(|table| table.get(at))
                .map_or(0, |s| s.as_slice().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{HouseholdId, ResidentId, StaffId};

    /// Every kind of subject has a table of its own: a kind added to `Subject` without one
    /// (its place beyond the array) fails here, though its entries would still be kept aside.
    #[test]
    fn every_kind_of_subject_has_its_table() {
        use crate::ids::*;
        let all = [
            Subject::Resident(ResidentId::new(1)),
            Subject::Household(HouseholdId::new(1)),
            Subject::Observation(ObservationId::new(1)),
            Subject::Venue(VenueId::new(1)),
            Subject::Staff(StaffId::new(1)),
            Subject::Post(PostId::new(1)),
            Subject::Shift(ShiftId::new(1)),
            Subject::Site(SiteId::new(1)),
            Subject::DisinfectionSchedule(DisinfectionScheduleId::new(1)),
            Subject::DisinfectionRound(DisinfectionRoundId::new(1)),
            Subject::Store(StoreId::new(1)),
            Subject::Lot(LotId::new(1)),
            Subject::Donation(DonationId::new(1)),
        ];
        // The match is exhaustive: a new kind of subject does not compile until listed above.
        for s in &all {
            match s {
                Subject::Resident(_)
                | Subject::Household(_)
                | Subject::Observation(_)
                | Subject::Venue(_)
                | Subject::Staff(_)
                | Subject::Post(_)
                | Subject::Shift(_)
                | Subject::Site(_)
                | Subject::DisinfectionSchedule(_)
                | Subject::DisinfectionRound(_)
                | Subject::Store(_)
                | Subject::Lot(_)
                | Subject::Donation(_) => {}
            }
        }
        let index = TrailIndex::default();
        let mut tables: Vec<usize> = all.iter().map(|s| place(s).0).collect();
        assert!(tables.iter().all(|t| *t < index.tables.len()));
        tables.sort_unstable();
        tables.dedup();
        assert_eq!(tables.len(), all.len(), "each kind its own table");
        assert_eq!(index.tables.len(), all.len());
    }

    #[test]
    fn a_list_of_one_is_held_inline() {
        assert_eq!(std::mem::size_of::<Seqs>(), std::mem::size_of::<Vec<u64>>());
    }

    #[test]
    fn subjects_keep_their_entries_in_order() {
        // Given entries naming residents, a household and a member of staff,
        let mut index = TrailIndex::default();
        let r1 = Subject::Resident(ResidentId::new(1));
        let r2 = Subject::Resident(ResidentId::new(2));
        let h1 = Subject::Household(HouseholdId::new(1));
        let s1 = Subject::Staff(StaffId::new(1));
        for (seq, subject) in [(4, r1), (5, r2), (5, h1), (6, r1), (7, r1), (7, s1)] {
            index.push(subject, seq);
        }
        // then each subject has its entries, in order, and an unnamed one has none.
        assert_eq!(index.seqs(&r1), vec![4, 6, 7]);
        assert_eq!(index.seqs(&r2), vec![5]);
        assert_eq!(index.seqs(&h1), vec![5]);
        assert_eq!(index.count(&s1), 1);
        assert!(
            index
                .seqs(&Subject::Resident(ResidentId::new(3)))
                .is_empty()
        );
        assert_eq!(index.count(&Subject::Household(HouseholdId::new(99))), 0);
    }

    #[test]
    fn a_number_far_beyond_those_issued_does_not_grow_the_table() {
        // Given a refused command that named resident 4,000,000,000,
        let mut index = TrailIndex::default();
        let far = Subject::Resident(ResidentId::new(4_000_000_000));
        index.push(far, 3);
        // then the table did not grow to reach it,
        assert_eq!(index.tables[0].len(), 0);
        assert_eq!(index.seqs(&far), vec![3]);
        // and naming, again and again, numbers just past the table grows it by two slots at
        // most each time,
        let before = index.tables[0].len();
        for k in 0..100 {
            let next = index.tables[0].len() as u32 + 1;
            index.push(Subject::Resident(ResidentId::new(next)), 100 + k);
        }
        assert!(index.tables[0].len() <= before + 2 * 100);
        let mut index = TrailIndex::default();
        index.push(far, 3);
        // and when the numbers issued reach a subject first kept aside, its entries stay in
        // ledger order: the earlier ones from the side, the later ones from the table.
        let late = Subject::Resident(ResidentId::new(2_000));
        index.push(late, 10);
        for n in 1..=2_000 {
            index.push(Subject::Resident(ResidentId::new(n)), 10 + u64::from(n));
        }
        assert_eq!(index.seqs(&late), vec![10, 2_010]);
        assert_eq!(index.count(&late), 2);
    }
}
