//! Issue 14 (memory): the registry's tables one by one, for the memory bench
//! (`benches/memory.rs`) to weigh with its counting allocator.

use std::any::Any;

use super::Registry;

/// One part of a registry held in memory: its name, the bytes of spare room its vectors hold
/// (counted for the audit trail's index only, 0 for the others), and a function that returns a
/// clone of it, to be weighed by an allocator that counts bytes. A clone holds no spare room;
/// its tree nodes are those of the original.
pub type Part<'a> = (&'static str, usize, Box<dyn Fn() -> Box<dyn Any> + 'a>);

/// A clone of `value`, boxed.
fn cloned<T: Clone + 'static>(value: &T) -> Box<dyn Any> {
    Box::new(value.clone())
}

/// # Memory (内存)
///
/// How much the registry's state takes, part by part.
impl Registry {
    /// The registry's parts (the grid's tables, each module's state, the ledger's day heads, the
    /// audit trail's index, the ledger's Merkle tree; not the ledger, which
    /// the bench weighs by draining it), each with a function that clones it: what the
    /// memory bench weighs to show which table costs what. Generator feature only.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// let t = "2020-01-23T15:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let parts = reg.parts();
    /// let (name, spare, clone) = &parts[3];
    /// assert_eq!((*name, *spare), ("grid: residents", 0));
    /// assert!(!clone().is::<()>());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn parts(&self) -> Vec<Part<'_>> {
        let s = &self.state;
        let g = &s.grid;
        vec![
            (
                "grid: units, staff, assignments",
                0,
                Box::new(|| {
                    Box::new((
                        g.units.clone(),
                        g.children.clone(),
                        g.staff.clone(),
                        g.assignments.clone(),
                        g.by_unit.clone(),
                        g.codes.clone(),
                    )) as Box<dyn Any>
                }),
            ),
            ("grid: households", 0, Box::new(|| cloned(&g.households))),
            (
                "grid: households by group",
                0,
                Box::new(|| cloned(&g.group_households)),
            ),
            ("grid: residents", 0, Box::new(|| cloned(&g.residents))),
            (
                "grid: identity index",
                0,
                Box::new(|| cloned(&g.by_identity)),
            ),
            (
                "screening: risk register, rule",
                0,
                Box::new(|| Box::new((s.screening.risk.clone(), s.screening.rule.clone()))),
            ),
            (
                "screening: rounds and visits",
                0,
                Box::new(|| cloned(&s.screening.rounds)),
            ),
            (
                "screening: interviews",
                0,
                Box::new(|| cloned(&s.screening.interviews)),
            ),
            (
                "observation: protocols",
                0,
                Box::new(|| cloned(&s.observation.protocols)),
            ),
            (
                "observation: observations",
                0,
                Box::new(|| cloned(&s.observation.observations)),
            ),
            (
                "observation: by resident",
                0,
                Box::new(|| cloned(&s.observation.observations_of)),
            ),
            ("report", 0, Box::new(|| cloned(&s.report))),
            ("gathering", 0, Box::new(|| cloned(&s.gathering))),
            ("supervision", 0, Box::new(|| cloned(&s.supervision))),
            ("publicity", 0, Box::new(|| cloned(&s.publicity))),
            ("roster", 0, Box::new(|| cloned(&s.roster))),
            ("disinfection", 0, Box::new(|| cloned(&s.disinfection))),
            ("supplies", 0, Box::new(|| cloned(&s.supplies))),
            ("ledger heads by day", 0, Box::new(|| cloned(&self.heads))),
            (
                "audit trail index",
                self.trail_index.spare_bytes(),
                Box::new(|| cloned(&self.trail_index)),
            ),
            ("ledger Merkle tree", 0, Box::new(|| cloned(&self.tree))),
        ]
    }
}
