//! Issue 14 (memory): what a resident costs in the state, pinned by the sizes of the types the
//! registry holds per resident, and the representations that changed keep their serialized
//! form and behaviour.

use std::mem::size_of;

use fangkong::screening::{InterviewRecord, ScreeningOutcome};
use fangkong::{
    DeregistrationReason, Household, IdentityNumber, Relation, Resident, ResidentDetails, Sex,
};

#[test]
fn a_resident_record_is_80_bytes_and_an_identity_number_8() {
    // Given the records the registry keeps per resident and per interview,
    // then they are as small as issue 14 made them (were 128, 56, 160, 296 and 18/19 bytes).
    assert_eq!(size_of::<IdentityNumber>(), 8);
    assert_eq!(size_of::<Option<IdentityNumber>>(), 8);
    assert_eq!(size_of::<Resident>(), 80);
    assert_eq!(size_of::<Option<Resident>>(), 80);
    assert_eq!(size_of::<Option<fangkong::Phone>>(), 7);
    assert_eq!(size_of::<Household>(), 40);
    assert_eq!(size_of::<ScreeningOutcome>(), 48);
    assert_eq!(size_of::<InterviewRecord>(), 160);
}

#[test]
fn a_packed_identity_number_reads_back_as_written() {
    // Given identity numbers whose check character is X, 0 and a digit, and a legacy one,
    for (given, full) in [
        ("11010519491231002x", "11010519491231002X"),
        ("110105491231002", "11010519491231002X"),
        ("440524188001010014", "440524188001010014"),
    ] {
        let id: IdentityNumber = given.parse().unwrap();
        // then the full number, its parts, its masked form and its JSON are those of the text,
        assert_eq!(id.reveal(), full);
        assert_eq!(id.address_code(), &full[..6]);
        assert_eq!(
            id.to_string(),
            format!("{}**********{}", &full[..4], &full[14..])
        );
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{full}\""));
        assert_eq!(
            serde_json::from_str::<IdentityNumber>(&format!("\"{full}\"")).unwrap(),
            id
        );
    }
    // and numbers order as their text does.
    let full = |first17: &str| -> IdentityNumber {
        let check = IdentityNumber::check_character(first17).unwrap();
        format!("{first17}{check}").parse().unwrap()
    };
    let a = full("11010519491231001");
    let b = full("11010519491231002");
    let c = full("44052418800101001");
    assert!(a < b && b < c);
}

#[test]
fn boxed_fields_serialize_as_before() {
    // Given a deregistered resident with a name and a household with an address,
    let details = ResidentDetails::new(
        "Wang Fang",
        Sex::Female,
        "1949-12-31".parse().unwrap(),
        Relation::Head,
    );
    let json = serde_json::to_value(&details).unwrap();
    // then the name is a plain string,
    assert_eq!(json["name"], "Wang Fang");
    // and a boxed deregistration reason reads and writes as the reason itself.
    let reason: Option<Box<DeregistrationReason>> = Some(Box::new(
        DeregistrationReason::RegisteredInError("a duplicate".into()),
    ));
    assert_eq!(
        serde_json::to_string(&reason).unwrap(),
        serde_json::to_string(&DeregistrationReason::RegisteredInError(
            "a duplicate".into()
        ))
        .unwrap()
    );
}

#[test]
fn a_packed_phone_reads_back_as_written() {
    // Given mobiles and landlines of every length (3- and 4-digit area codes, 7- and 8-digit
    // local numbers),
    let texts = [
        "010-2345678",
        "010-62345678",
        "020-87654321",
        "0739-5221234",
        "0739-52212345",
        "13807311234",
        "19912345678",
    ];
    let phones: Vec<fangkong::Phone> = texts.iter().map(|t| t.parse().unwrap()).collect();
    for (phone, text) in phones.iter().zip(texts) {
        // then each reveals, masks and serializes as its text did,
        assert_eq!(phone.reveal(), text);
        assert_eq!(serde_json::to_string(phone).unwrap(), format!("\"{text}\""));
        assert_eq!(
            serde_json::from_str::<fangkong::Phone>(&format!("\"{text}\"")).unwrap(),
            *phone
        );
    }
    assert_eq!(phones[3].to_string(), "0739-***1234");
    assert_eq!(phones[5].to_string(), "138****1234");
    // and phones order as their text does.
    assert!(phones.windows(2).all(|w| w[0] < w[1]));
}
