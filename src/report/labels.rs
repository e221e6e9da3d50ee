//! The labels of the report's languages and row statuses: English and Chinese names, and the
//! words clerks write for them (`labels!`, src/label.rs).

use super::{Lang, RowStatus};
use crate::label::labels;

labels!(Lang: "language", with_display {
    Zh => "chinese", "中文", ["zh", "cn", "汉语"];
    En => "english", "英文", ["en", "英语"];
    Both => "both", "中英文", ["bilingual", "双语", "中英"];
});

labels!(RowStatus: "report status", no_display {
    Submitted => "submitted", "已报", ["已上报", "reported"];
    Zero => "zero", "零报告", ["zero report", "零报"];
    Late => "late", "迟报", ["late report"];
    Missing => "missing", "未报", ["未上报", "not reported"];
});
