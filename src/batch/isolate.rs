//! A panic in one document is a bug, but not a reason to lose the others.

/// The message a panic was raised with (`panic!("...")`, an index out of
/// bounds), or a stand-in when it carried something else.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic without a message".to_string()
    }
}

/// Run `run` on all `items` together, as [`Aligner::align_many`] aligns the
/// documents of a batch so that they share what it learns; when that
/// panics, run each item alone to find the ones it panics on, then the
/// others together again. Each item gets its result, or the panic's message.
///
/// This is the last line of defence, not a fix: a panic is a bug, but one
/// document that hits it must not cost the others their output. `run` must
/// return one result per item, in order. Cost: one run of `run` when nothing
/// panics; otherwise one per item (in parallel) and one more for the rest.
///
/// [`Aligner::align_many`]: crate::Aligner::align_many
pub fn isolate_panics<T, R>(
    items: &[T],
    run: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<std::result::Result<R, String>>
where
    T: Clone + Sync,
    R: Send,
{
    use rayon::prelude::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    // `run` only reads `items`; what a panic leaves half-built is dropped
    // with the unwinding, so nothing broken is seen afterwards.
    let guarded =
        |part: &[T]| catch_unwind(AssertUnwindSafe(|| run(part))).map_err(|p| panic_message(&*p));
    let message = match guarded(items) {
        Ok(all) => return all.into_iter().map(Ok).collect(),
        Err(message) => message,
    };
    if items.len() == 1 {
        return vec![Err(message)];
    }
    let mut results: Vec<std::result::Result<R, String>> = items
        .par_iter()
        .map(|item| {
            guarded(std::slice::from_ref(item))?
                .pop()
                .ok_or_else(|| "no result".to_string())
        })
        .collect();
    let good: Vec<usize> = (0..items.len()).filter(|&k| results[k].is_ok()).collect();
    if good.len() > 1 {
        let together: Vec<T> = good.iter().map(|&k| items[k].clone()).collect();
        if let Ok(joint) = guarded(&together) {
            for (k, r) in good.into_iter().zip(joint) {
                results[k] = Ok(r);
            }
        }
    }
    results
}
