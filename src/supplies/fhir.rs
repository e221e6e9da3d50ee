//! Receipts and issues as FHIR R5 SupplyDelivery, a store's stock as FHIR R5 InventoryReport
//! (feature `fhir`). InventoryReport exists only in R5; the temperature Observations stay R4
//! (`report::temperature_observation`). Each resource names its version in `meta.tag`
//! (code system `http://hl7.org/fhir/FHIR-version`, code [`FHIR_R5`]). No donor's name is
//! written: a lot names its donation by id only.

use serde_json::{Value, json};

use super::labels::Measure;
use super::queries::StockTable;
use super::records::{Issue, Lot, LotSource, Recipient, Store};
use crate::calendar::Day;

/// The FHIR version these resources follow.
pub const FHIR_R5: &str = "5.0.0";

fn meta() -> Value {
    json!({ "tag": [{ "system": "http://hl7.org/fhir/FHIR-version", "code": FHIR_R5 }] })
}

fn quantity(value: u64, measure: Measure) -> Value {
    json!({ "value": value, "unit": measure.label_en() })
}

fn item_type() -> Value {
    json!({ "coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/supplydelivery-supplyitemtype",
        "code": "device"
    }] })
}

/// A receipt (a lot received into a store) as a FHIR R5 SupplyDelivery: its destination the
/// store, its supplier the purchase's supplier, its item the lot's.
///
/// ```
/// use fangkong::{Founding, Instant, Registry};
/// use fangkong::supplies::{Item, Measure, supply_delivery_receipt};
///
/// let t: Instant = "2020-02-01T09:00:00+08:00".parse()?;
/// let mut reg = Registry::found(Founding::new("Huochezhan", "Secretary Liu"), t);
/// let leader = reg.staff_ids().next().unwrap();
/// let store = reg.establish_store(leader, t, reg.township(), "乡政府仓库")?;
/// let lot = reg.receive_purchase(leader, t, store, Item::DISINFECTANT, 120, "县药材公司", 240_000, None)?;
/// let json = supply_delivery_receipt(reg.lot(lot).unwrap(), reg.store(store).unwrap(), "disinfectant", Measure::Bottle);
/// assert_eq!(json["resourceType"], "SupplyDelivery");
/// assert_eq!(json["meta"]["tag"][0]["code"], "5.0.0");
/// assert_eq!(json["suppliedItem"][0]["quantity"]["value"], 120);
/// # Ok::<(), fangkong::Error>(())
/// ```
pub fn supply_delivery_receipt(lot: &Lot, store: &Store, item: &str, measure: Measure) -> Value {
    let mut v = json!({
        "resourceType": "SupplyDelivery",
        "id": lot.id.to_string(),
        "meta": meta(),
        "status": "completed",
        "type": item_type(),
        "suppliedItem": [{
            "quantity": quantity(lot.received, measure),
            "itemCodeableConcept": { "text": item }
        }],
        "occurrenceDateTime": lot.at.to_string(),
        "destination": { "display": format!("{} {}", store.id, store.name) },
    });
    if let LotSource::Purchase { supplier, .. } = &lot.source {
        v["supplier"] = json!({ "display": supplier });
    }
    v
}

/// An issue as a FHIR R5 SupplyDelivery: from the store (its `supplier`), to the recipient
/// (`receiver` for staff, `destination` for a household or a site).
pub fn supply_delivery_issue(issue: &Issue, store: &Store, item: &str, measure: Measure) -> Value {
    let mut v = json!({
        "resourceType": "SupplyDelivery",
        "id": issue.movement.to_string(),
        "meta": meta(),
        "status": "completed",
        "type": item_type(),
        "suppliedItem": [{
            "quantity": quantity(issue.quantity(), measure),
            "itemCodeableConcept": { "text": item }
        }],
        "occurrenceDateTime": issue.at.to_string(),
        "supplier": { "display": format!("{} {}", store.id, store.name) },
    });
    match &issue.to {
        Recipient::Staff { staff } => {
            v["receiver"] = json!([{ "reference": format!("Practitioner/{staff}") }]);
        }
        Recipient::Household { household, .. } => {
            v["destination"] = json!({ "display": format!("household {household}") });
        }
        Recipient::Site { unit, place } => {
            v["destination"] = json!({ "display": format!("{place} ({unit})") });
        }
        Recipient::DisinfectionSite { site } => {
            v["destination"] = json!({ "display": format!("disinfection site {site}") });
        }
    }
    v
}

/// A store's stock at the end of a day as a FHIR R5 InventoryReport (a snapshot): one listing
/// for the store, an item for each row of `table` in that store.
pub fn inventory_report(store: &Store, day: Day, table: &StockTable) -> Value {
    let items: Vec<Value> = table
        .rows
        .iter()
        .filter(|r| r.store == store.id)
        .map(|r| {
            json!({
                "quantity": quantity(r.on_hand, r.measure),
                "item": { "concept": { "text": r.name_en } }
            })
        })
        .collect();
    json!({
        "resourceType": "InventoryReport",
        "id": format!("{}-{}", store.id, day),
        "meta": meta(),
        "status": "active",
        "countType": "snapshot",
        "reportedDateTime": day.to_string(),
        "inventoryListing": [{
            "location": { "display": format!("{} {}", store.id, store.name) },
            "countingDateTime": day.to_string(),
            "item": items
        }]
    })
}
