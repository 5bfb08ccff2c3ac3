//! Issue 15 for the `batch --stdin` JSONL reader: any line, arbitrary or a
//! mutated document, gives a document or a one-line error, never a panic.

use std::path::Path;

use proptest::prelude::*;

const LINE: &str = r#"{"id": 123456789012345678901234567890, "src": "قال الوزير إن الميناء سيفتح.\n\nوبلغت الصادرات 300 مليون.", "tgt": "The minister said the port would open.\n\nExports reached 300 million.", "src_lang": "ar", "tgt_lang": "en"}"#;

fn check(line: &str) -> Result<(), TestCaseError> {
    match jisr::batch::parse_json_document(Path::new("<stdin>"), 7, line) {
        Ok(_) => {}
        Err(e) => {
            let msg = e.to_string();
            prop_assert!(!msg.is_empty());
            prop_assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
        }
    }
    Ok(())
}

#[test]
fn the_seed_line_is_a_document() {
    assert!(jisr::batch::parse_json_document(Path::new("<stdin>"), 1, LINE).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_line_is_a_document_or_one_line_error(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn a_mutated_document_is_a_document_or_one_line_error(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<bool>()), 1..12)
    ) {
        let mut b = LINE.as_bytes().to_vec();
        for (at, value, insert) in edits {
            let at = at % b.len().max(1);
            if insert || b.is_empty() {
                b.insert(at.min(b.len()), value);
            } else {
                b.remove(at);
            }
        }
        check(&String::from_utf8_lossy(&b))?;
    }
}
