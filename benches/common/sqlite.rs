//! The same workloads on SQLite, written as a careful engineer would: a normalized schema with
//! constraints and indexes, prepared statements, one transaction per batch, and the checks the
//! registry makes on each command where they matter (the actor's role and assignment, that
//! units, households, residents and observations exist and are in the right state, duplicate
//! identity numbers and group numbers, a second head of household, the screening decision
//! against the risk register).
//!
//! The database is in memory (`:memory:`): fangkong is an in-memory library that leaves
//! storage to its caller, so the fair comparison is with SQLite's engine without a disk. A
//! file database in WAL mode would add the cost of writing pages.
//!
//! What the SQLite side does **not** do: it keeps no log of events and no record of refused
//! commands, and nothing in it is tamper-evident (a row changed with `UPDATE` passes every
//! check). Every fangkong time includes writing a SHA-256-chained ledger entry (JSON) per
//! event.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use fangkong::grid::GridCommand;
use fangkong::observation::{ObservationCommand, ObservationUpdate, Protocol};
use fangkong::screening::{ScreeningCommand, VisitResult};
use fangkong::synth::TimedCommand;
use fangkong::{Action, Command, Day, Founding, Instant, ResidentDetails, Role, StaffId, UnitKind};
use rusqlite::{Connection, OptionalExtension, Statement, params};

/// An error or refusal on the SQLite side.
pub type R<T> = Result<T, Box<dyn std::error::Error>>;

fn refuse<T>(why: String) -> R<T> {
    Err(why.into())
}

/// The tables, as `sqlite3 .dump` would write them first.
pub const TABLES: &str = "
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('township','village','community','zone','group')),
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  parent INTEGER REFERENCES units(id),
  code TEXT UNIQUE,
  number INTEGER,
  zone INTEGER REFERENCES units(id),
  UNIQUE (parent, number)
);
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  role TEXT NOT NULL,
  phone TEXT
);
CREATE TABLE assignments (
  staff INTEGER NOT NULL REFERENCES staff(id),
  unit INTEGER NOT NULL REFERENCES units(id),
  duty TEXT NOT NULL,
  PRIMARY KEY (staff, unit)
) WITHOUT ROWID;
CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  grp INTEGER NOT NULL REFERENCES units(id),
  address TEXT NOT NULL CHECK (trim(address) <> '')
);
CREATE TABLE residents (
  id INTEGER PRIMARY KEY,
  household INTEGER NOT NULL REFERENCES households(id),
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  sex TEXT NOT NULL,
  birth INTEGER NOT NULL,
  relation TEXT NOT NULL,
  identity TEXT UNIQUE,
  phone TEXT,
  elderly_alone INTEGER NOT NULL,
  serious_illness INTEGER NOT NULL,
  pregnancy INTEGER NOT NULL,
  disability INTEGER NOT NULL,
  deregistered TEXT
);
CREATE TABLE designations (
  id INTEGER PRIMARY KEY,
  area INTEGER NOT NULL,
  level_rank INTEGER NOT NULL,
  level TEXT NOT NULL,
  from_day INTEGER NOT NULL,
  lifted INTEGER,
  basis TEXT NOT NULL CHECK (trim(basis) <> '')
);
CREATE TABLE rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  look_back_days INTEGER NOT NULL
);
CREATE TABLE rule_levels (
  rule INTEGER NOT NULL REFERENCES rules(id),
  level_rank INTEGER NOT NULL,
  protocol TEXT NOT NULL,
  PRIMARY KEY (rule, level_rank)
) WITHOUT ROWID;
CREATE TABLE rounds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (trim(name) <> ''),
  opens INTEGER NOT NULL,
  closes INTEGER
);
CREATE TABLE round_units (
  round INTEGER NOT NULL REFERENCES rounds(id),
  unit INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (round, unit)
) WITHOUT ROWID;
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  round INTEGER NOT NULL REFERENCES rounds(id),
  household INTEGER NOT NULL REFERENCES households(id),
  by_staff INTEGER NOT NULL REFERENCES staff(id),
  at INTEGER NOT NULL,
  day INTEGER NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('screened','nobody_home','refused'))
);
CREATE TABLE interviews (
  id INTEGER PRIMARY KEY,
  resident INTEGER NOT NULL REFERENCES residents(id),
  round INTEGER REFERENCES rounds(id),
  by_staff INTEGER NOT NULL REFERENCES staff(id),
  at INTEGER NOT NULL,
  on_day INTEGER NOT NULL,
  returned_home INTEGER,
  through_wuhan INTEGER NOT NULL,
  cold_or_fever INTEGER NOT NULL,
  symptom_note TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('no_risk','key_person','symptomatic')),
  designation INTEGER REFERENCES designations(id),
  day0 INTEGER
);
CREATE TABLE stays (
  interview INTEGER NOT NULL REFERENCES interviews(id),
  place INTEGER NOT NULL,
  first INTEGER NOT NULL,
  last INTEGER NOT NULL,
  transit INTEGER NOT NULL,
  CHECK (first <= last)
);
CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  resident INTEGER NOT NULL REFERENCES residents(id),
  protocol TEXT NOT NULL,
  day0 INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  basis TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open','released','referred','transferred','ended')),
  closed_on INTEGER
);
CREATE TABLE readings (
  id INTEGER PRIMARY KEY,
  observation INTEGER NOT NULL REFERENCES observations(id),
  at INTEGER NOT NULL,
  tenths INTEGER NOT NULL CHECK (tenths BETWEEN 340 AND 430),
  method TEXT NOT NULL,
  reporter TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  recorded_at INTEGER NOT NULL
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  observation INTEGER NOT NULL REFERENCES observations(id),
  reading INTEGER REFERENCES readings(id),
  at INTEGER NOT NULL,
  cause TEXT NOT NULL
);
";

/// The indexes (beyond primary keys and UNIQUE constraints), as `.dump` writes them last.
pub const INDEXES: &str = "
CREATE INDEX units_parent ON units(parent);
CREATE INDEX assignments_unit ON assignments(unit);
CREATE INDEX households_grp ON households(grp);
CREATE INDEX residents_household ON residents(household);
CREATE UNIQUE INDEX residents_one_head ON residents(household)
  WHERE relation = 'head' AND deregistered IS NULL;
CREATE INDEX designations_area ON designations(area);
CREATE INDEX visits_round_household ON visits(round, household);
CREATE INDEX interviews_resident ON interviews(resident);
CREATE INDEX stays_interview ON stays(interview);
CREATE INDEX observations_resident ON observations(resident);
CREATE INDEX readings_observation ON readings(observation, at);
CREATE INDEX alerts_observation ON alerts(observation);
";

const TABLE_ORDER: [&str; 16] = [
    "units",
    "staff",
    "assignments",
    "households",
    "residents",
    "designations",
    "rules",
    "rule_levels",
    "rounds",
    "round_units",
    "visits",
    "interviews",
    "stays",
    "observations",
    "readings",
    "alerts",
];

fn epoch() -> Day {
    Day::from_ymd(1970, 1, 1).expect("a calendar day")
}

/// A day as an integer: days since 1970-01-01.
pub fn day_num(d: Day) -> i64 {
    d.days_since(epoch())
}

fn role_of(text: &str) -> R<Role> {
    [
        Role::Leader,
        Role::Cadre,
        Role::GridWorker,
        Role::HealthWorker,
        Role::Inspector,
        Role::Volunteer,
    ]
    .into_iter()
    .find(|r| r.label_en() == text)
    .ok_or_else(|| format!("unknown role {text:?}").into())
}

fn kind_of(text: &str) -> R<UnitKind> {
    [
        UnitKind::Township,
        UnitKind::Village,
        UnitKind::Community,
        UnitKind::Zone,
        UnitKind::Group,
    ]
    .into_iter()
    .find(|k| k.label_en() == text)
    .ok_or_else(|| format!("unknown unit kind {text:?}").into())
}

fn non_empty(s: &str, what: &str) -> R<()> {
    if s.trim().is_empty() {
        refuse(format!("{what} is empty"))
    } else {
        Ok(())
    }
}

/// An in-memory SQLite database holding one registry.
pub struct Sql {
    pub conn: Connection,
    /// Observation protocols by key: length in days (the application's table, as fangkong's
    /// presets).
    lengths: HashMap<String, i64>,
    /// The registry's local time, in seconds east of UTC.
    offset: i64,
}

/// An in-memory connection. Before the first, SQLite's memory statistics are turned off
/// (`SQLITE_CONFIG_MEMSTATUS`, on by default in the bundled build): with them on, every
/// allocation of every connection takes one process-wide mutex, and databases on two threads
/// ran slower than on one. Turning them off is what a multi-threaded SQLite application does.
fn open() -> rusqlite::Result<Connection> {
    static TUNED: std::sync::Once = std::sync::Once::new();
    TUNED.call_once(|| {
        // SAFETY: called once, before any connection is opened (SQLite is not yet
        // initialized), with the integer argument this option takes.
        let rc = unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            )
        };
        assert_eq!(rc, rusqlite::ffi::SQLITE_OK, "SQLITE_CONFIG_MEMSTATUS");
    });
    Connection::open_in_memory()
}

impl Sql {
    /// A new database with the schema, foreign keys on.
    pub fn new() -> R<Sql> {
        let conn = open()?;
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")?;
        conn.execute_batch(TABLES)?;
        conn.execute_batch(INDEXES)?;
        Ok(Sql::with_connection(conn))
    }

    fn with_connection(conn: Connection) -> Sql {
        let lengths = Protocol::presets()
            .into_iter()
            .map(|p| (p.key.clone(), i64::from(p.length_days)))
            .collect();
        Sql {
            conn,
            lengths,
            offset: 8 * 3600,
        }
    }

    /// Founds the registry: the township, its first leader, the leader's charge.
    pub fn found(founding: &Founding, _at: Instant) -> R<Sql> {
        let mut sql = Sql::new()?;
        sql.offset = i64::from(founding.offset.seconds());
        let tx = sql.conn.transaction()?;
        tx.execute(
            "INSERT INTO units (id, kind, name, code) VALUES (1, 'township', ?1, ?2)",
            params![founding.name, founding.code.map(|c| c.to_string())],
        )?;
        tx.execute(
            "INSERT INTO staff (id, name, role, phone) VALUES (1, ?1, 'leader', ?2)",
            params![founding.leader, founding.leader_phone.map(|p| p.reveal())],
        )?;
        tx.execute(
            "INSERT INTO assignments (staff, unit, duty) VALUES (1, 1, ?1)",
            params![fangkong::Duty::ChargeOfVillage.label_en()],
        )?;
        tx.commit()?;
        Ok(sql)
    }

    /// A copy of the database (SQLite's online backup, page by page), for a benchmark's
    /// untimed set-up.
    pub fn copy(&self) -> R<Sql> {
        let mut dst = open()?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
            backup.run_to_completion(i32::MAX, std::time::Duration::ZERO, None)?;
        }
        dst.execute_batch("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")?;
        let mut sql = Sql::with_connection(dst);
        sql.offset = self.offset;
        Ok(sql)
    }

    /// Executes a batch of commands in one transaction: each is authorized and checked, and
    /// the first refusal rolls the whole batch back.
    pub fn run(&mut self, commands: &[TimedCommand]) -> R<()> {
        let Sql {
            conn,
            lengths,
            offset,
        } = self;
        let tx = conn.transaction()?;
        {
            let mut st = Stmts::prepare(&tx)?;
            for (actor, at, command) in commands {
                let today = num_day_of(*at, *offset);
                st.execute(*actor, *at, today, command, lengths)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The number of rows of a table.
    pub fn count(&self, table: &str) -> R<i64> {
        Ok(self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }

    /// The database's size in bytes (pages in use × page size).
    pub fn bytes(&self) -> R<i64> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok(pages * size)
    }

    // ----- figures -----

    /// The daily figures: per village the groups, households, residents and staff (one
    /// `GROUP BY` query each, joined), rolled up into the total; the observation counts of
    /// `day`; the round's coverage (one aggregate row per household, assembled into lists of
    /// unvisited and unscreened households and follow-ups, as the registry's query gives).
    pub fn figures(&self, round: i64, day: Day) -> R<SqlFigures> {
        let mut villages = Vec::new();
        let mut total = [0i64; 4];
        {
            let mut st = self.conn.prepare_cached(
                "WITH g AS (SELECT id, parent AS village FROM units WHERE kind = 'group'),
                 gg AS (SELECT village, count(*) AS n FROM g GROUP BY village),
                 hh AS (SELECT g.village, count(*) AS n FROM households h
                        JOIN g ON g.id = h.grp GROUP BY g.village),
                 rr AS (SELECT g.village, count(*) AS n FROM residents r
                        JOIN households h ON h.id = r.household
                        JOIN g ON g.id = h.grp
                        WHERE r.deregistered IS NULL GROUP BY g.village),
                 ss AS (SELECT v, count(DISTINCT staff) AS n FROM (
                          SELECT a.staff, CASE WHEN u.kind IN ('village', 'community')
                                 THEN u.id ELSE u.parent END AS v
                          FROM assignments a JOIN units u ON u.id = a.unit
                          WHERE u.kind <> 'township') GROUP BY v)
                 SELECT v.id, v.name, v.kind, coalesce(gg.n, 0), coalesce(hh.n, 0),
                        coalesce(rr.n, 0), coalesce(ss.n, 0)
                 FROM units v
                 LEFT JOIN gg ON gg.village = v.id
                 LEFT JOIN hh ON hh.village = v.id
                 LEFT JOIN rr ON rr.village = v.id
                 LEFT JOIN ss ON ss.v = v.id
                 WHERE v.kind IN ('village', 'community')
                 ORDER BY v.id",
            )?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let counts: [i64; 4] = [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?];
                for (t, c) in total.iter_mut().zip(counts) {
                    *t += c;
                }
                villages.push((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, counts));
            }
        }
        let d = day_num(day);
        let observations: [i64; 3] = self
            .conn
            .prepare_cached(
                "SELECT count(*),
                    coalesce(sum(status = 'open' OR closed_on > ?1), 0),
                    coalesce(sum(status <> 'open' AND closed_on <= ?1), 0)
             FROM observations",
            )?
            .query_row([d], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))?;
        let mut coverage = SqlCoverage::default();
        {
            let mut st = self.conn.prepare_cached(
                "SELECT g.parent, h.grp, h.id, count(v.id),
                        coalesce(max(v.result = 'screened'), 0),
                        coalesce(sum(v.result = 'nobody_home'), 0),
                        CASE WHEN coalesce(max(v.result = 'screened'), 0) THEN NULL ELSE
                          (SELECT result FROM visits l WHERE l.round = ?1 AND l.household = h.id
                           ORDER BY l.id DESC LIMIT 1) END
                 FROM units g
                 JOIN households h ON h.grp = g.id
                 LEFT JOIN visits v ON v.round = ?1 AND v.household = h.id
                 WHERE g.kind = 'group'
                   AND (g.parent IN (SELECT unit FROM round_units WHERE round = ?1)
                        OR EXISTS (SELECT 1 FROM round_units WHERE round = ?1 AND unit = 1))
                 GROUP BY h.id",
            )?;
            let mut rows = st.query([round])?;
            while let Some(r) = rows.next()? {
                let village: i64 = r.get(0)?;
                let group: i64 = r.get(1)?;
                let household: i64 = r.get(2)?;
                let visits: i64 = r.get(3)?;
                let screened: bool = r.get(4)?;
                let absent: i64 = r.get(5)?;
                let last: Option<String> = r.get(6)?;
                coverage.households += 1;
                let v = coverage.villages.entry(village).or_default();
                if visits == 0 {
                    v.unvisited.entry(group).or_default().push(household);
                }
                if screened {
                    coverage.screened += 1;
                    continue;
                }
                v.not_screened.push(household);
                if last.as_deref() == Some("refused") || absent >= 2 {
                    coverage.follow_up.push(household);
                }
            }
        }
        coverage.follow_up.sort_unstable();
        Ok(SqlFigures {
            villages,
            total,
            observations,
            coverage,
        })
    }

    // ----- verify and replay -----

    /// The integrity checks SQLite offers: `PRAGMA integrity_check` (every page, every index
    /// against its table, NOT NULL, CHECK and UNIQUE constraints) and `PRAGMA
    /// foreign_key_check`. They find a damaged database; they cannot find a row changed by
    /// `UPDATE`, which fangkong's ledger verification is for.
    pub fn verify(&self) -> R<()> {
        let ok: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return refuse(format!("integrity_check: {ok}"));
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        if st.query([])?.next()?.is_some() {
            return refuse("foreign_key_check found a dangling reference".to_owned());
        }
        Ok(())
    }

    /// The whole database as SQL text, as `sqlite3 db .dump` writes it: the tables, one
    /// `INSERT` per row, then the indexes, in one transaction with foreign keys off.
    pub fn dump(&self) -> R<String> {
        let mut out = String::from("PRAGMA foreign_keys = OFF;\nBEGIN TRANSACTION;\n");
        out.push_str(TABLES);
        for table in TABLE_ORDER {
            let mut st = self.conn.prepare(&format!("SELECT * FROM {table}"))?;
            let columns = st.column_count();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                write!(out, "INSERT INTO {table} VALUES(")?;
                for i in 0..columns {
                    if i > 0 {
                        out.push(',');
                    }
                    match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => out.push_str("NULL"),
                        rusqlite::types::ValueRef::Integer(n) => write!(out, "{n}")?,
                        rusqlite::types::ValueRef::Real(x) => write!(out, "{x:?}")?,
                        rusqlite::types::ValueRef::Text(t) => {
                            out.push('\'');
                            out.push_str(&String::from_utf8_lossy(t).replace('\'', "''"));
                            out.push('\'');
                        }
                        rusqlite::types::ValueRef::Blob(b) => {
                            out.push_str("X'");
                            for byte in b {
                                write!(out, "{byte:02x}")?;
                            }
                            out.push('\'');
                        }
                    }
                }
                out.push_str(");\n");
            }
        }
        out.push_str(INDEXES);
        out.push_str("COMMIT;\nPRAGMA foreign_keys = ON;\n");
        Ok(out)
    }

    /// A new database rebuilt from a dump (as `sqlite3 new.db < dump.sql`): each statement is
    /// prepared and stepped in turn, as the shell does.
    ///
    /// The dump is split at `;` + end of line (no text value written by the workloads holds
    /// one). One `execute_batch` over the whole text would be quadratic here: rusqlite hands
    /// SQLite the rest of the text with its length and no terminating NUL, which makes SQLite
    /// copy the whole rest for every statement.
    pub fn restore(dump: &str) -> R<Sql> {
        let conn = open()?;
        for statement in dump.split_inclusive(";\n") {
            conn.execute_batch(statement)?;
        }
        Ok(Sql::with_connection(conn))
    }

    /// A new database rebuilt from the rows of this one through prepared statements (read
    /// every row, insert it into a fresh schema, build the indexes after): the fastest
    /// rebuild without copying pages.
    pub fn rows(&self) -> R<Vec<(&'static str, usize, Vec<rusqlite::types::Value>)>> {
        let mut out = Vec::new();
        for table in TABLE_ORDER {
            let mut st = self.conn.prepare(&format!("SELECT * FROM {table}"))?;
            let columns = st.column_count();
            let mut values = Vec::new();
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                for i in 0..columns {
                    values.push(r.get::<_, rusqlite::types::Value>(i)?);
                }
            }
            out.push((table, columns, values));
        }
        Ok(out)
    }

    /// A new database loaded from [`rows`](Self::rows).
    pub fn from_rows(rows: &[(&'static str, usize, Vec<rusqlite::types::Value>)]) -> R<Sql> {
        let mut conn = open()?;
        conn.execute_batch("PRAGMA temp_store = MEMORY;")?;
        let tx = conn.transaction()?;
        tx.execute_batch(TABLES)?;
        for (table, columns, values) in rows {
            let marks = vec!["?"; *columns].join(",");
            let mut st = tx.prepare(&format!("INSERT INTO {table} VALUES ({marks})"))?;
            for row in values.chunks(*columns) {
                st.execute(rusqlite::params_from_iter(row.iter()))?;
            }
        }
        tx.execute_batch(INDEXES)?;
        tx.commit()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(Sql::with_connection(conn))
    }
}

fn num_day_of(at: Instant, offset: i64) -> i64 {
    (at.unix_seconds() + offset).div_euclid(86_400)
}

/// The daily figures on the SQLite side.
pub struct SqlFigures {
    pub villages: Vec<(i64, String, [i64; 4])>,
    pub total: [i64; 4],
    /// Total, under observation, closed.
    pub observations: [i64; 3],
    pub coverage: SqlCoverage,
}

/// A round's coverage on the SQLite side.
#[derive(Default)]
pub struct SqlCoverage {
    pub households: i64,
    pub screened: i64,
    pub villages: BTreeMap<i64, VillageLists>,
    pub follow_up: Vec<i64>,
}

/// One village's lists.
#[derive(Default)]
pub struct VillageLists {
    pub unvisited: BTreeMap<i64, Vec<i64>>,
    pub not_screened: Vec<i64>,
}

/// The prepared statements of one batch.
struct Stmts<'c> {
    conn: &'c Connection,
    role: Statement<'c>,
    reach: Statement<'c>,
    unit: Statement<'c>,
    insert_unit: Statement<'c>,
    zone_group: Statement<'c>,
    insert_staff: Statement<'c>,
    staff_exists: Statement<'c>,
    insert_assignment: Statement<'c>,
    insert_household: Statement<'c>,
    household_group: Statement<'c>,
    insert_resident: Statement<'c>,
    insert_designation: Statement<'c>,
    insert_rule: Statement<'c>,
    insert_rule_level: Statement<'c>,
    insert_round: Statement<'c>,
    insert_round_unit: Statement<'c>,
    round: Statement<'c>,
    round_covers: Statement<'c>,
    insert_visit: Statement<'c>,
    resident_group: Statement<'c>,
    rule: Statement<'c>,
    exposures: Statement<'c>,
    insert_interview: Statement<'c>,
    insert_stay: Statement<'c>,
    open_observation: Statement<'c>,
    insert_observation: Statement<'c>,
    restart_observation: Statement<'c>,
    observation_group: Statement<'c>,
    insert_reading: Statement<'c>,
    insert_alert: Statement<'c>,
}

/// A candidate exposure: designation, level rank, from day, last day exposed, protocol.
struct Candidate {
    designation: i64,
    rank: i64,
    from: i64,
    last_exposed: i64,
    protocol: Option<String>,
}

impl<'c> Stmts<'c> {
    fn prepare(c: &'c Connection) -> R<Stmts<'c>> {
        Ok(Stmts {
            conn: c,
            role: c.prepare("SELECT role FROM staff WHERE id = ?1")?,
            // Whether an assignment of the actor covers the unit: the unit itself, its zone,
            // its parent or its grandparent (township → village → zone/group).
            reach: c.prepare(
                "SELECT EXISTS (SELECT 1 FROM units u
                   LEFT JOIN units p ON p.id = u.parent
                   JOIN assignments a ON a.staff = ?1
                     AND a.unit IN (u.id, u.zone, u.parent, p.parent)
                   WHERE u.id = ?2)",
            )?,
            unit: c.prepare("SELECT kind, parent, zone FROM units WHERE id = ?1")?,
            insert_unit: c.prepare(
                "INSERT INTO units (kind, name, parent, code, number) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            zone_group: c.prepare("UPDATE units SET zone = ?1 WHERE id = ?2")?,
            insert_staff: c.prepare("INSERT INTO staff (name, role, phone) VALUES (?1, ?2, ?3)")?,
            staff_exists: c.prepare("SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)")?,
            insert_assignment: c
                .prepare("INSERT INTO assignments (staff, unit, duty) VALUES (?1, ?2, ?3)")?,
            insert_household: c.prepare("INSERT INTO households (grp, address) VALUES (?1, ?2)")?,
            household_group: c.prepare("SELECT grp FROM households WHERE id = ?1")?,
            insert_resident: c.prepare(
                "INSERT INTO residents (household, name, sex, birth, relation, identity, phone,
                   elderly_alone, serious_illness, pregnancy, disability)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            insert_designation: c.prepare(
                "INSERT INTO designations (area, level_rank, level, from_day, basis)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            insert_rule: c.prepare("INSERT INTO rules (name, look_back_days) VALUES (?1, ?2)")?,
            insert_rule_level: c.prepare(
                "INSERT INTO rule_levels (rule, level_rank, protocol) VALUES (?1, ?2, ?3)",
            )?,
            insert_round: c.prepare("INSERT INTO rounds (name, opens) VALUES (?1, ?2)")?,
            insert_round_unit: c
                .prepare("INSERT INTO round_units (round, unit) VALUES (?1, ?2)")?,
            round: c.prepare("SELECT opens, closes FROM rounds WHERE id = ?1")?,
            round_covers: c.prepare(
                "SELECT EXISTS (SELECT 1 FROM units u
                   LEFT JOIN units p ON p.id = u.parent
                   JOIN round_units r ON r.round = ?1
                     AND r.unit IN (u.id, u.zone, u.parent, p.parent)
                   WHERE u.id = ?2)",
            )?,
            insert_visit: c.prepare(
                "INSERT INTO visits (round, household, by_staff, at, day, result)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            resident_group: c.prepare(
                "SELECT h.grp FROM residents r JOIN households h ON h.id = r.household
                 WHERE r.id = ?1 AND r.deregistered IS NULL",
            )?,
            rule: c.prepare("SELECT id, look_back_days FROM rules ORDER BY id DESC LIMIT 1")?,
            // The designations of the place or an area containing it, in force on at least
            // one day of first ..= last (lifted on L: in force up to L − 1), with the
            // protocol the rule opens for their level, if any.
            exposures: c.prepare(
                "SELECT d.id, d.level_rank, d.from_day,
                        min(coalesce(d.lifted - 1, ?5), ?5), rl.protocol
                 FROM designations d
                 LEFT JOIN rule_levels rl ON rl.rule = ?6 AND rl.level_rank = d.level_rank
                 WHERE d.area IN (?1, ?2, ?3)
                   AND d.from_day <= ?5
                   AND (d.lifted IS NULL OR d.lifted - 1 >= ?4)",
            )?,
            insert_interview: c.prepare(
                "INSERT INTO interviews (resident, round, by_staff, at, on_day, returned_home,
                   through_wuhan, cold_or_fever, symptom_note, outcome, designation, day0)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
            insert_stay: c.prepare(
                "INSERT INTO stays (interview, place, first, last, transit)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            open_observation: c.prepare(
                "SELECT id, day0, protocol FROM observations
                 WHERE resident = ?1 AND status = 'open' ORDER BY id DESC LIMIT 1",
            )?,
            insert_observation: c.prepare(
                "INSERT INTO observations (resident, protocol, day0, last_day, opened_at, basis,
                   status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open')",
            )?,
            restart_observation: c
                .prepare("UPDATE observations SET day0 = ?2, last_day = ?3 WHERE id = ?1")?,
            observation_group: c.prepare(
                "SELECT o.status, h.grp FROM observations o
                 JOIN residents r ON r.id = o.resident
                 JOIN households h ON h.id = r.household
                 WHERE o.id = ?1 AND r.deregistered IS NULL",
            )?,
            insert_reading: c.prepare(
                "INSERT INTO readings (observation, at, tenths, method, reporter, recorded_by,
                   recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            insert_alert: c.prepare(
                "INSERT INTO alerts (observation, reading, at, cause) VALUES (?1, ?2, ?3, ?4)",
            )?,
        })
    }

    /// The actor's role, and a refusal when it may not take `action`.
    fn actor(&mut self, actor: StaffId, action: Action) -> R<Role> {
        let role: Option<String> = self
            .role
            .query_row([i64::from(actor.get())], |r| r.get(0))
            .optional()?;
        let Some(role) = role else {
            return refuse(format!("{actor} is not enrolled"));
        };
        let role = role_of(&role)?;
        if !role.may(action) {
            return refuse(format!("{actor} ({role}) may not {}", action.label_en()));
        }
        Ok(role)
    }

    /// Refuses when `unit` lies outside the actor's assigned units.
    fn authorize(&mut self, actor: StaffId, role: Role, unit: i64) -> R<()> {
        if role.acts_township_wide() {
            return Ok(());
        }
        let ok: bool = self
            .reach
            .query_row(params![i64::from(actor.get()), unit], |r| r.get(0))?;
        if ok {
            Ok(())
        } else {
            refuse(format!("unit {unit} is outside the units of {actor}"))
        }
    }

    fn unit(&mut self, id: i64) -> R<(UnitKind, Option<i64>, Option<i64>)> {
        let row: Option<(String, Option<i64>, Option<i64>)> = self
            .unit
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((kind, parent, zone)) = row else {
            return refuse(format!("unit {id} does not exist"));
        };
        Ok((kind_of(&kind)?, parent, zone))
    }

    fn execute(
        &mut self,
        actor: StaffId,
        at: Instant,
        today: i64,
        command: &Command,
        lengths: &HashMap<String, i64>,
    ) -> R<()> {
        let who = i64::from(actor.get());
        match command {
            Command::Grid(GridCommand::EstablishUnit {
                kind,
                name,
                parent,
                code,
                number,
            }) => {
                let role = self.actor(actor, Action::EstablishUnit)?;
                let parent = i64::from(parent.get());
                let (parent_kind, _, _) = self.unit(parent)?;
                self.authorize(actor, role, parent)?;
                if !kind.allowed_parents().contains(&parent_kind) {
                    return refuse(format!("a {kind} cannot lie in a {parent_kind}"));
                }
                non_empty(name, "the new unit's name")?;
                if (*kind == UnitKind::Group) != number.is_some() {
                    return refuse("groups, and only groups, have a number".to_owned());
                }
                // UNIQUE (parent, number) and UNIQUE (code) refuse duplicates.
                self.insert_unit.execute(params![
                    kind.label_en(),
                    name.trim(),
                    parent,
                    code.map(|c| c.to_string()),
                    number.map(i64::from),
                ])?;
            }
            Command::Grid(GridCommand::ZoneGroups { zone, groups }) => {
                let role = self.actor(actor, Action::EstablishUnit)?;
                let zone = i64::from(zone.get());
                let (kind, zone_parent, _) = self.unit(zone)?;
                if kind != UnitKind::Zone {
                    return refuse(format!("unit {zone} is not a zone"));
                }
                self.authorize(actor, role, zone)?;
                for g in groups {
                    let g = i64::from(g.get());
                    let (kind, parent, current) = self.unit(g)?;
                    if kind != UnitKind::Group || parent != zone_parent {
                        return refuse(format!("unit {g} is not a group of the zone's village"));
                    }
                    if current.is_some_and(|z| z != zone) {
                        return refuse(format!("group {g} is in another zone"));
                    }
                    self.zone_group.execute(params![zone, g])?;
                }
            }
            Command::Grid(GridCommand::EnrollStaff { name, role, phone }) => {
                self.actor(actor, Action::EnrollStaff)?;
                non_empty(name, "the new staff member's name")?;
                self.insert_staff.execute(params![
                    name.trim(),
                    role.label_en(),
                    phone.map(|p| p.reveal())
                ])?;
            }
            Command::Grid(GridCommand::AssignStaff { staff, unit, duty }) => {
                let role = self.actor(actor, Action::AssignStaff)?;
                let staff = i64::from(staff.get());
                let exists: bool = self.staff_exists.query_row([staff], |r| r.get(0))?;
                if !exists {
                    return refuse(format!("staff {staff} is not enrolled"));
                }
                let unit = i64::from(unit.get());
                self.unit(unit)?;
                self.authorize(actor, role, unit)?;
                // The primary key (staff, unit) refuses an assignment made twice.
                self.insert_assignment
                    .execute(params![staff, unit, duty.label_en()])?;
            }
            Command::Grid(GridCommand::RegisterHousehold { group, address }) => {
                let role = self.actor(actor, Action::RegisterHousehold)?;
                let group = i64::from(group.get());
                let (kind, _, _) = self.unit(group)?;
                if kind != UnitKind::Group {
                    return refuse(format!("unit {group} is not a group"));
                }
                self.authorize(actor, role, group)?;
                non_empty(address, "the household's address")?;
                self.insert_household
                    .execute(params![group, address.trim()])?;
            }
            Command::Grid(GridCommand::RegisterResident { household, details }) => {
                let role = self.actor(actor, Action::RegisterResident)?;
                let household = i64::from(household.get());
                let group: Option<i64> = self
                    .household_group
                    .query_row([household], |r| r.get(0))
                    .optional()?;
                let Some(group) = group else {
                    return refuse(format!("household {household} does not exist"));
                };
                self.authorize(actor, role, group)?;
                check_details(details, today)?;
                // UNIQUE (identity) refuses a number registered twice, the partial unique
                // index a second head of household.
                let v = details.vulnerabilities;
                self.insert_resident.execute(params![
                    household,
                    details.name.trim(),
                    details.sex.to_string(),
                    day_num(details.birth_date),
                    details.relation.to_string(),
                    details.identity.as_ref().map(|i| i.reveal().to_owned()),
                    details.phone.as_ref().map(fangkong::Phone::reveal),
                    v.elderly_living_alone,
                    v.serious_illness,
                    v.pregnancy,
                    v.disability,
                ])?;
            }
            Command::Screening(ScreeningCommand::DesignateRiskArea {
                area,
                level,
                from,
                basis,
            }) => {
                self.actor(actor, Action::ManageRiskAreas)?;
                non_empty(basis, "the designation's basis")?;
                self.insert_designation.execute(params![
                    area.as_u32(),
                    level.rank(),
                    level.name(),
                    day_num(*from),
                    basis
                ])?;
            }
            Command::Screening(ScreeningCommand::AdoptScreeningRule { rule }) => {
                self.actor(actor, Action::ManageScreening)?;
                non_empty(&rule.name, "the screening rule's name")?;
                self.insert_rule
                    .execute(params![rule.name, rule.look_back_days])?;
                let id = self.conn.last_insert_rowid();
                for o in &rule.observations {
                    self.insert_rule_level
                        .execute(params![id, o.level.rank(), o.protocol])?;
                }
            }
            Command::Screening(ScreeningCommand::OpenScreeningRound { name, units, opens }) => {
                let role = self.actor(actor, Action::ManageScreening)?;
                non_empty(name, "the screening round's name")?;
                if units.is_empty() {
                    return refuse("the screening round has no units".to_owned());
                }
                for u in units {
                    let u = i64::from(u.get());
                    self.unit(u)?;
                    self.authorize(actor, role, u)?;
                }
                self.insert_round
                    .execute(params![name.trim(), day_num(*opens)])?;
                let id = self.conn.last_insert_rowid();
                for u in units {
                    self.insert_round_unit.execute(params![id, u.get()])?;
                }
            }
            Command::Screening(ScreeningCommand::RecordVisit {
                round,
                household,
                result,
            }) => {
                let role = self.actor(actor, Action::RecordScreening)?;
                let household = i64::from(household.get());
                let group: Option<i64> = self
                    .household_group
                    .query_row([household], |r| r.get(0))
                    .optional()?;
                let Some(group) = group else {
                    return refuse(format!("household {household} does not exist"));
                };
                let round = i64::from(round.get());
                self.round_open(round, group, today)?;
                self.authorize(actor, role, group)?;
                let result = match result {
                    VisitResult::Screened => "screened",
                    VisitResult::NobodyHome => "nobody_home",
                    _ => "refused",
                };
                self.insert_visit.execute(params![
                    round,
                    household,
                    who,
                    at.unix_seconds(),
                    today,
                    result
                ])?;
            }
            Command::Screening(ScreeningCommand::RecordInterview {
                resident,
                round,
                interview,
            }) => {
                let role = self.actor(actor, Action::RecordScreening)?;
                let resident = i64::from(resident.get());
                let group: Option<i64> = self
                    .resident_group
                    .query_row([resident], |r| r.get(0))
                    .optional()?;
                let Some(group) = group else {
                    return refuse(format!("resident {resident} is not registered"));
                };
                self.authorize(actor, role, group)?;
                let round = round.map(|r| i64::from(r.get()));
                if let Some(round) = round {
                    self.round_open(round, group, today)?;
                }
                let rule: Option<(i64, i64)> = self
                    .rule
                    .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let Some((rule, look_back)) = rule else {
                    return refuse("no screening rule has been adopted".to_owned());
                };
                // The screening decision: the most severe observed level, then the latest
                // day 0, then the most severe designation.
                let window = today - look_back;
                let travel = interview.travel();
                let stays = travel
                    .stays
                    .iter()
                    .copied()
                    .chain(travel.transits.iter().map(|t| t.as_stay()));
                let mut key: Option<Candidate> = None;
                for stay in stays {
                    let first = day_num(stay.first()).max(window);
                    let last = day_num(stay.last()).min(today);
                    if first > last {
                        continue;
                    }
                    let place = stay.place();
                    let prefecture = place.prefecture().unwrap_or(place).as_u32();
                    let province = place.province().as_u32();
                    let mut rows = self.exposures.query(params![
                        place.as_u32(),
                        prefecture,
                        province,
                        first,
                        last,
                        rule
                    ])?;
                    while let Some(r) = rows.next()? {
                        let c = Candidate {
                            designation: r.get(0)?,
                            rank: r.get(1)?,
                            from: r.get(2)?,
                            last_exposed: r.get(3)?,
                            protocol: r.get(4)?,
                        };
                        if c.protocol.is_none() {
                            continue;
                        }
                        let better = key.as_ref().is_none_or(|k| {
                            (c.rank, c.last_exposed, -c.from, -c.designation)
                                > (k.rank, k.last_exposed, -k.from, -k.designation)
                        });
                        if better {
                            key = Some(c);
                        }
                    }
                }
                let symptoms = interview.symptoms();
                let outcome = if symptoms.cold_or_fever {
                    "symptomatic"
                } else if key.is_some() {
                    "key_person"
                } else {
                    "no_risk"
                };
                self.insert_interview.execute(params![
                    resident,
                    round,
                    who,
                    at.unix_seconds(),
                    today,
                    travel.returned_home.map(day_num),
                    interview.through_wuhan(),
                    symptoms.cold_or_fever,
                    symptoms.note,
                    outcome,
                    key.as_ref().map(|k| k.designation),
                    key.as_ref().map(|k| k.last_exposed),
                ])?;
                let id = self.conn.last_insert_rowid();
                for s in &travel.stays {
                    self.insert_stay.execute(params![
                        id,
                        s.place().as_u32(),
                        day_num(s.first()),
                        day_num(s.last()),
                        false
                    ])?;
                }
                for t in &travel.transits {
                    let s = t.as_stay();
                    self.insert_stay.execute(params![
                        id,
                        s.place().as_u32(),
                        day_num(s.first()),
                        day_num(s.last()),
                        true
                    ])?;
                }
                if let (Some(k), false) = (key, symptoms.cold_or_fever) {
                    let protocol = k.protocol.unwrap_or_default();
                    let length = lengths.get(&protocol).copied().ok_or_else(|| {
                        format!("the rule names protocol {protocol:?}, which does not exist")
                    })?;
                    let open: Option<(i64, i64)> = self
                        .open_observation
                        .query_row([resident], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?;
                    match open {
                        Some((id, day0)) if k.last_exposed > day0 => {
                            self.restart_observation.execute(params![
                                id,
                                k.last_exposed,
                                k.last_exposed + length
                            ])?;
                        }
                        Some(_) => {}
                        None => {
                            self.insert_observation.execute(params![
                                resident,
                                protocol,
                                k.last_exposed,
                                k.last_exposed + length,
                                at.unix_seconds(),
                                "screening"
                            ])?;
                        }
                    }
                }
            }
            Command::Observation(ObservationCommand::UpdateObservation {
                observation,
                update: ObservationUpdate::RecordReading(reading),
            }) => {
                let role = self.actor(actor, Action::RecordFollowUp)?;
                let observation = i64::from(observation.get());
                let row: Option<(String, i64)> = self
                    .observation_group
                    .query_row([observation], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let Some((status, group)) = row else {
                    return refuse(format!("observation {observation} does not exist"));
                };
                self.authorize(actor, role, group)?;
                if status != "open" {
                    return refuse(format!("observation {observation} is {status}"));
                }
                if reading.at > at {
                    return refuse("the reading is later than its recording".to_owned());
                }
                let tenths = reading.temperature.tenths();
                self.insert_reading.execute(params![
                    observation,
                    reading.at.unix_seconds(),
                    tenths,
                    format!("{:?}", reading.method),
                    format!("{:?}", reading.by),
                    who,
                    at.unix_seconds()
                ])?;
                if tenths > 373 {
                    let id = self.conn.last_insert_rowid();
                    self.insert_alert.execute(params![
                        observation,
                        id,
                        reading.at.unix_seconds(),
                        "fever"
                    ])?;
                }
            }
            _ => return refuse("not a benchmark command".to_owned()),
        }
        Ok(())
    }

    /// Refuses unless the round is open on `today` and covers the group.
    fn round_open(&mut self, round: i64, group: i64, today: i64) -> R<()> {
        let row: Option<(i64, Option<i64>)> = self
            .round
            .query_row([round], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((opens, closes)) = row else {
            return refuse(format!("round {round} does not exist"));
        };
        if today < opens || closes.is_some_and(|c| today > c) {
            return refuse(format!("round {round} is not open on day {today}"));
        }
        let covers: bool = self
            .round_covers
            .query_row(params![round, group], |r| r.get(0))?;
        if !covers {
            return refuse(format!("group {group} lies outside round {round}"));
        }
        Ok(())
    }
}

fn check_details(d: &ResidentDetails, today: i64) -> R<()> {
    non_empty(&d.name, "the resident's name")?;
    if day_num(d.birth_date) > today {
        return refuse(format!("born {} after today", d.birth_date));
    }
    if let Some(id) = &d.identity
        && (id.birth_date() != d.birth_date || id.sex() != d.sex)
    {
        return refuse(format!("identity number {} disagrees", id.masked()));
    }
    Ok(())
}
