//! Identity numbers (DOMAIN.md §2), pinned at the crate's surface.

use fangkong::ValueError;
use fangkong::{IdentityNumber, Sex};

use crate::common::*;

#[test]
fn the_two_worked_examples_parse() {
    let a: IdentityNumber = ID_WORKED_1.parse().unwrap();
    assert_eq!(a.reveal(), "11010519491231002X");
    assert_eq!((a.birth_date(), a.sex()), (day("1949-12-31"), Sex::Female));
    let b: IdentityNumber = ID_WORKED_2.parse().unwrap();
    assert_eq!((b.birth_date(), b.sex()), (day("1880-01-01"), Sex::Male));
}

#[test]
fn lowercase_x_is_accepted_and_stored_uppercase() {
    let a: IdentityNumber = "11010519491231002x".parse().unwrap();
    assert_eq!(a.reveal(), ID_WORKED_1);
}

#[test]
fn a_legacy_15_digit_number_is_upgraded() {
    let a: IdentityNumber = "110105491231002".parse().unwrap();
    assert_eq!(a.reveal(), ID_WORKED_1);
}

#[test]
fn a_wrong_check_digit_is_refused_with_this_message() {
    let err = "110105194912310023".parse::<IdentityNumber>().unwrap_err();
    assert_eq!(
        err,
        ValueError::IdentityNumberCheckDigit {
            masked: "1101**********0023".to_owned(),
            expected: 'X',
            found: '3'
        }
    );
    assert_eq!(
        err.to_string(),
        "identity number 1101**********0023 ends in check character 3, but its first 17 digits give X: one of the digits was probably copied wrong"
    );
}
