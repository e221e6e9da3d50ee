//! Lists of people for export (重点人员台账, 户籍花名册): masked by default; unmasked only
//! through a command, so the ledger records who took what.

use super::{Registry, State};
use crate::audit::{AuditCommand, ExportedList};
use crate::calendar::{Day, Instant};
use crate::error::Error;
use crate::ids::{ResidentId, StaffId};
use crate::report::{Cell, Lang, Sheet, both as heading};

/// # Exports of personal data (导出)
///
/// The key-person list and the resident roster, masked by
/// default, unmasked only as a recorded export.
impl Registry {
    /// The key-person list (重点人员台账) as of `day`: each key person with their household,
    /// group, where they were, day 0 and where their observation stands. Identity numbers and
    /// phones are masked; [`export_key_person_list`](Registry::export_key_person_list) gives
    /// them in full, recorded.
    ///
    /// Write it with `report::sheet_to_csv` (feature `csv`) or `report::sheets_to_xlsx`
    /// (feature `xlsx`).
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::report::Lang;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// let sheet = reg.key_person_list("2020-01-24".parse()?, Lang::Both);
    /// assert_eq!(sheet.headings[0], "姓名 Name");
    /// assert!(sheet.rows.is_empty());
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn key_person_list(&self, day: Day, lang: Lang) -> Sheet {
        self.key_people_sheet(day, lang, false)
    }

    /// The resident roster (户籍花名册): every registered resident with their household and
    /// group. Identity numbers and phones are masked;
    /// [`export_resident_roster`](Registry::export_resident_roster) gives them in full,
    /// recorded.
    ///
    /// ```
    /// use fangkong::{Founding, Registry};
    /// use fangkong::report::Lang;
    /// let t = "2020-01-24T09:00:00+08:00".parse()?;
    /// let reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
    /// assert_eq!(reg.resident_roster(Lang::En).headings[2], "Identity number");
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    pub fn resident_roster(&self, lang: Lang) -> Sheet {
        self.roster_sheet(lang, false)
    }

    /// The key-person list with identity numbers and phones in full: an unmasked export,
    /// recorded in the ledger ([`AuditCommand::ExportList`]); leaders and inspectors only.
    ///
    /// ```
    /// use fangkong::report::Lang;
    /// use fangkong::screening::{
    ///     Interview, ReportedSymptoms, RiskLevel, ScreeningRule, Stay, TravelHistory,
    /// };
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, day, leader, li, wang, .. } = doc_fixture()?;
    /// reg.designate_risk_area(leader, t, "420100".parse()?, RiskLevel::HIGH, "2020-01-08".parse()?, "NHC notice")?;
    /// reg.adopt_screening_rule(leader, t, ScreeningRule::returnee_jan2020())?;
    /// let travel = TravelHistory {
    ///     stays: vec![Stay::new("420100".parse()?, "2020-01-02".parse()?, "2020-01-20".parse()?)?],
    ///     transits: vec![],
    ///     returned_home: Some("2020-01-21".parse()?),
    /// };
    /// let interview = Interview::new(travel, true, ReportedSymptoms::default())?;
    /// reg.record_interview(li, t, wang, None, interview)?;
    /// let masked = reg.key_person_list(day, Lang::En);
    /// assert_eq!(masked.rows[0][3].to_string(), "138****1234");
    /// let entries = reg.ledger().len();
    /// let full = reg.export_key_person_list(leader, t, day, Lang::En)?;
    /// assert_eq!(full.rows[0][3].to_string(), "13807311234");
    /// assert_eq!(reg.ledger().len(), entries + 1); // the export is recorded
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): a role that may not take personal data out.
    pub fn export_key_person_list(
        &mut self,
        actor: StaffId,
        at: Instant,
        day: Day,
        lang: Lang,
    ) -> Result<Sheet, Error> {
        let list = ExportedList::KeyPeople;
        self.execute(actor, at, AuditCommand::ExportList { list })?;
        Ok(self.key_people_sheet(day, lang, true))
    }

    /// The resident roster with identity numbers and phones in full: an unmasked export,
    /// recorded in the ledger ([`AuditCommand::ExportList`]); leaders and inspectors only.
    ///
    /// ```
    /// use fangkong::report::Lang;
    /// use fangkong::synth::{DocTownship, doc_fixture};
    ///
    /// let DocTownship { mut reg, t, leader, li, .. } = doc_fixture()?;
    /// let full = reg.export_resident_roster(leader, t, Lang::En)?;
    /// assert_eq!(full.rows[0][2].to_string(), "11010519491231002X");
    /// // A grid worker may not take personal data out; the refusal is recorded too.
    /// assert!(reg.export_resident_roster(li, t, Lang::En).is_err());
    /// assert_eq!(reg.refusals()?.len(), 1);
    /// # Ok::<(), fangkong::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`execute`](Registry::execute): a role that may not take personal data out.
    pub fn export_resident_roster(
        &mut self,
        actor: StaffId,
        at: Instant,
        lang: Lang,
    ) -> Result<Sheet, Error> {
        let list = ExportedList::Residents;
        self.execute(actor, at, AuditCommand::ExportList { list })?;
        Ok(self.roster_sheet(lang, true))
    }

    /// Name, sex, identity, phone, address and group of a resident.
    fn person_cells(&self, resident: ResidentId, lang: Lang, unmasked: bool) -> Vec<Cell> {
        let Some(r) = self.resident(resident) else {
            return vec![Cell::Text(resident.to_string()); 6];
        };
        let d = &r.details;
        let identity = d.identity.map_or_else(String::new, |i| {
            if unmasked {
                i.reveal().to_owned()
            } else {
                i.masked()
            }
        });
        let phone = d.phone.map_or_else(String::new, |p| {
            if unmasked {
                p.reveal().to_owned()
            } else {
                p.masked()
            }
        });
        let household = self.household(r.household);
        let group = household.map_or_else(String::new, |h| {
            self.unit(h.group)
                .map_or_else(String::new, |u| u.name.clone())
        });
        let sex = match lang {
            Lang::Zh => d.sex.label_zh().to_owned(),
            _ => d.sex.label_en().to_owned(),
        };
        vec![
            Cell::Text(d.name.to_string()),
            Cell::Text(sex),
            Cell::Text(identity),
            Cell::Text(phone),
            Cell::Text(household.map_or_else(String::new, |h| h.address.to_string())),
            Cell::Text(group),
        ]
    }

    fn person_headings(lang: Lang) -> Vec<String> {
        vec![
            heading("姓名", "Name", lang),
            heading("性别", "Sex", lang),
            heading("身份证号码", "Identity number", lang),
            heading("电话", "Phone", lang),
            heading("住址", "Address", lang),
            heading("组", "Group", lang),
        ]
    }

    fn key_people_sheet(&self, day: Day, lang: Lang, unmasked: bool) -> Sheet {
        let mut headings = Registry::person_headings(lang);
        headings.extend([
            heading("旅居地", "Where they were", lang),
            heading("第0天", "Day 0", lang),
            heading("观察状态", "Observation", lang),
        ]);
        let rows = self
            .key_people()
            .into_iter()
            .map(|(resident, key)| {
                let mut row = self.person_cells(resident, lang, unmasked);
                row.push(Cell::Text(key.exposure.stay.place().to_string()));
                row.push(Cell::Text(key.day0.to_string()));
                let status = self
                    .state
                    .observation
                    .observations_of
                    .get(&resident)
                    .and_then(|list| list.last())
                    .and_then(|o| self.observation(*o))
                    .map_or_else(String::new, |o| {
                        let st = o.observation.status_on(day);
                        match lang {
                            Lang::Zh => st.display_zh().to_string(),
                            _ => st.to_string(),
                        }
                    });
                row.push(Cell::Text(status));
                row
            })
            .collect();
        Sheet::new(heading("重点人员台账", "Key people", lang), headings, rows)
    }

    fn roster_sheet(&self, lang: Lang, unmasked: bool) -> Sheet {
        let mut headings = Registry::person_headings(lang);
        headings.extend([
            heading("出生日期", "Birth date", lang),
            heading("与户主关系", "Relation", lang),
        ]);
        let rows = self
            .residents()
            .filter(|r| r.deregistered.is_none())
            .map(|r| {
                let mut row = self.person_cells(r.id, lang, unmasked);
                row.push(Cell::Text(r.details.birth_date.to_string()));
                row.push(Cell::Text(match lang {
                    Lang::Zh => r.details.relation.label_zh().to_string(),
                    _ => r.details.relation.label_en().to_string(),
                }));
                row
            })
            .collect();
        Sheet::new(heading("户籍花名册", "Residents", lang), headings, rows)
    }
}

impl State {
    /// How many rows a list has now: key people (their latest interview made them one), or
    /// registered residents.
    pub(super) fn list_rows(&self, list: ExportedList) -> u64 {
        match list {
            ExportedList::KeyPeople => self
                .screening
                .interviews
                .values()
                .filter(|list| list.last().and_then(|i| i.outcome.key_person()).is_some())
                .count() as u64,
            ExportedList::Residents => self
                .grid
                .residents
                .values()
                .filter(|r| r.deregistered.is_none())
                .count() as u64,
        }
    }
}
