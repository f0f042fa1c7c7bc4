//! The one generator of new ids for records a user creates (funnels, segments, journey stages,
//! lanes and cards, maps): the first free name of a numbered series, so no clock or random
//! source is needed and the same edits always give the same ids.

/// The first name `name(n)` for n = `from`, `from + 1`, … that `taken` does not hold.
pub fn first_free(
    from: usize,
    name: impl Fn(usize) -> String,
    taken: impl Fn(&str) -> bool,
) -> String {
    (from..)
        .map(name)
        .find(|candidate| !taken(candidate))
        .expect("some number is free")
}

/// The first `prefix-N` (N from 1) that is not taken.
pub fn unused_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    first_free(
        1,
        |number| format!("{prefix}-{number}"),
        |candidate| taken.clone().any(|id| id == candidate),
    )
}

/// `base` itself when free, else `base-2`, `base-3`… (a copy keeps its original's id readable).
pub fn unused_id_like<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let is_taken = |candidate: &str| taken.clone().any(|id| id == candidate);
    if !is_taken(base) {
        return base.to_string();
    }
    first_free(2, |number| format!("{base}-{number}"), is_taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_series_gives_its_first_free_name() {
        let cases: [(&[&str], &str, &str, &str); 4] = [
            (&[], "stage", "stage-1", "stage"),
            (&["stage-1", "stage-3"], "stage", "stage-2", "stage"),
            (&["f-default"], "f-default", "f-default-1", "f-default-2"),
            (
                &["f-default", "f-default-2"],
                "f-default",
                "f-default-1",
                "f-default-3",
            ),
        ];
        for (taken, prefix, numbered, like) in cases {
            assert_eq!(
                unused_id(prefix, taken.iter().copied()),
                numbered,
                "{taken:?}"
            );
            assert_eq!(
                unused_id_like(prefix, taken.iter().copied()),
                like,
                "{taken:?}"
            );
        }
        assert_eq!(first_free(1, |n| format!("s{n}"), |id| id == "s1"), "s2");
    }
}
