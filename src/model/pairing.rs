//! Two versions of an article side by side (对照, `reading.md`): which
//! block of the first version goes with which block of the second. By block
//! id when both versions have ids, so that a paragraph added or split in
//! one version shifts nothing after it; by position for documents without
//! ids. A block without a partner stands alone where it is: every block of
//! each version appears exactly once, in its own version's order.

use super::Block;

/// One row of a pair: a block of each version, or one alone (indices into
/// the versions' bodies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Both(usize, usize),
    First(usize),
    Second(usize),
}

/// Whether `body` has block ids to pair by.
fn has_ids(body: &[Block]) -> bool {
    body.iter().any(|b| b.id.is_some())
}

/// How the blocks of `first` and `second` pair up, in reading order.
///
/// By id: each block of `first` takes the block of `second` with its id
/// when that comes after the last partner taken; the blocks of `second`
/// passed over on the way stand alone before it. A shared id out of order
/// (which `lectern-cli check` reports) leaves both blocks alone.
#[must_use]
pub fn pair(first: &[Block], second: &[Block]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(first.len().max(second.len()));
    let by_id = has_ids(first) && has_ids(second);
    let mut next = 0;
    for (i, block) in first.iter().enumerate() {
        let partner = if by_id {
            block.id.as_ref().and_then(|id| {
                second
                    .iter()
                    .skip(next)
                    .position(|b| b.id.as_ref() == Some(id))
                    .map(|offset| next + offset)
            })
        } else {
            (next < second.len()).then_some(next)
        };
        match partner {
            Some(j) => {
                rows.extend((next..j).map(Row::Second));
                rows.push(Row::Both(i, j));
                next = j + 1;
            }
            None => rows.push(Row::First(i)),
        }
    }
    rows.extend((next..second.len()).map(Row::Second));
    rows
}

#[cfg(test)]
mod tests {
    use super::{pair, Row};
    use crate::model::{Block, BlockId, BlockKind};

    fn body(ids: &[&str]) -> Vec<Block> {
        ids.iter()
            .map(|id| Block {
                id: BlockId::parse(id),
                kind: BlockKind::Rule,
            })
            .collect()
    }

    #[test]
    fn blocks_pair_by_id_and_the_unpaired_stand_alone_where_they_are() {
        use Row::{Both, First, Second};
        let cases: [(&[&str], &[&str], Vec<Row>); 7] = [
            (&["p1", "p2"], &["p1", "p2"], vec![Both(0, 0), Both(1, 1)]),
            // The sample's 简体 has one paragraph more than its English.
            (
                &["p1", "p2", "p3"],
                &["p1", "p2", "p2a", "p3"],
                vec![Both(0, 0), Both(1, 1), Second(2), Both(2, 3)],
            ),
            (
                &["p1", "extra", "p2"],
                &["p1", "p2"],
                vec![Both(0, 0), First(1), Both(2, 1)],
            ),
            // Out of order: what cannot pair stands alone, nothing is lost.
            (
                &["p1", "p2", "p3"],
                &["p2", "p1", "p3"],
                vec![Second(0), Both(0, 1), First(1), Both(2, 2)],
            ),
            // Without ids: by position, the longer one's last blocks alone.
            (
                &["", "", ""],
                &["", ""],
                vec![Both(0, 0), Both(1, 1), First(2)],
            ),
            // Ids in one version only: by position, as without ids (the
            // fuzzer's first pairing finding was its own assertion's).
            (&["p1", "p2"], &["", ""], vec![Both(0, 0), Both(1, 1)]),
            (&[], &["p1"], vec![Second(0)]),
        ];
        for (first, second, expected) in cases {
            assert_eq!(
                pair(&body(first), &body(second)),
                expected,
                "{first:?} / {second:?}"
            );
        }
    }
}
