//! Personal data is masked in every Debug, Display and error (DOMAIN.md §8).

use fangkong::{Error, IdentityNumber, Phone, Relation, ResidentDetails, Sex};

use crate::common::*;

#[track_caller]
fn assert_no_personal_data(text: &str) {
    for secret in [
        ID_WORKED_1,
        ID_WORKED_2,
        PHONE,
        "110105194912310023",
        "0739-5337788",
        "07395337788",
    ] {
        assert!(
            !text.contains(secret),
            "{secret} leaked in: {}",
            &text[..text.len().min(300)]
        );
    }
    // Not even with separators or lower case
    assert!(!text.contains("11010519491231002x"));
    assert!(!text.contains("139 7456 1234"), "{text}");
}

#[test]
fn debug_and_display_of_every_holder_of_personal_data_are_masked() {
    let g = given();
    let id: IdentityNumber = ID_WORKED_1.parse().unwrap();
    let phone: Phone = PHONE.parse().unwrap();
    let landline: Phone = "0739-5337788".parse().unwrap();
    assert_eq!(id.to_string(), "1101**********002X");
    assert_eq!(format!("{id:?}"), "IdentityNumber(1101**********002X)");
    assert_eq!(phone.to_string(), "139****1234");
    assert_eq!(landline.to_string(), "0739-***7788");
    let resident = g.reg.resident(g.head).unwrap();
    let texts = [
        format!("{id} {id:?} {id:#?}"),
        format!("{phone} {phone:?} {landline} {landline:?}"),
        format!("{resident:?} {resident:#?}"),
        format!("{:?}", head_details()),
        format!(
            "{:?}",
            GridCommand::RegisterResident {
                household: g.home,
                details: head_details()
            }
        ),
        format!("{:?}", g.reg.ledger()),
        format!("{:?}", g.reg.ledger().records().collect::<Vec<_>>()),
        format!("{:?}", g.reg),
    ];
    for t in &texts {
        assert_no_personal_data(t);
    }
    // The full value is there when asked for by name
    assert_eq!(id.reveal(), ID_WORKED_1);
    assert_eq!(phone.reveal(), PHONE);
}

#[test]
fn errors_about_personal_data_are_masked() {
    let mut g = given();
    let mut errors: Vec<Error> = vec![
        "110105194912310023"
            .parse::<IdentityNumber>()
            .unwrap_err()
            .into(),
        "11010519491231002"
            .parse::<IdentityNumber>()
            .unwrap_err()
            .into(),
        "11010519491331002X"
            .parse::<IdentityNumber>()
            .unwrap_err()
            .into(),
        "1101051949123100AX"
            .parse::<IdentityNumber>()
            .unwrap_err()
            .into(),
        "1380731123".parse::<Phone>().unwrap_err().into(),
        "23807311234".parse::<Phone>().unwrap_err().into(),
    ];
    let h = g
        .reg
        .register_household(g.worker_qianjin_1, at(T0), g.qianjin_1, "x")
        .unwrap();
    errors.push(
        g.reg
            .register_resident(g.worker_qianjin_1, at(T0), h, head_details())
            .unwrap_err(),
    );
    let mut wrong_sex = head_details();
    wrong_sex.sex = Sex::Male;
    wrong_sex.relation = Relation::Child;
    errors.push(
        g.reg
            .register_resident(g.worker_qianjin_1, at(T0), h, wrong_sex)
            .unwrap_err(),
    );
    for e in &errors {
        assert_no_personal_data(&format!("{e} {e:?}"));
    }
    // And the refusals in the ledger carry the masked message only
    for r in g.reg.refusals().unwrap() {
        if let fangkong::Body::Refused(refusal) = &r.body {
            let (attempt, reason) = (refusal.attempt.to_string(), &refusal.reason);
            assert_no_personal_data(reason);
            // The refused command itself is kept with personal data masked
            assert_no_personal_data(&attempt);
            assert!(attempt.contains("1101**********002X"), "{attempt}");
        }
    }
    let _ = ResidentDetails::new("x", Sex::Male, day("2000-01-01"), Relation::Child);
}
