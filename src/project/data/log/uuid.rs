//! UUIDs as 128-bit values. A log keyed by UUIDs, the commonest shape of long customer
//! ids, has them in lowercase hex (`0f5e1c2a-6dab-4cba-9196-bc06908a7231`); as their value
//! they fit the interner's table of two words, as ids of up to 15 bytes do, instead of its
//! table of six.

/// The text of a UUID: 36 bytes, hex digits with dashes between groups of 8, 4, 4, 4 and 12.
pub const UUID_LEN: usize = 36;
const UUID_DASHES: [usize; 4] = [8, 13, 18, 23];

/// A UUID's 128-bit value as two big-endian words.
pub type Value = [u64; 2];

/// A UUID in lowercase hex (`0f5e…-…`) as its value, or `None` for any other id. Lowercase
/// hex digits sort as their values do (`0`–`9` before `a`–`f`) and the dashes stand at the
/// same places in every UUID, so the values sort as the texts. Uppercase UUIDs are not
/// packed: a value cannot give their text back. Nor is a value whose last word is 0, which
/// the interner's tables take for a free slot.
pub fn pack(id: &[u8]) -> Option<Value> {
    let id: &[u8; UUID_LEN] = id.try_into().ok()?;
    if UUID_DASHES.iter().any(|&at| id[at] != b'-') {
        return None;
    }
    // The 32 digits as four runs of eight: 0–7, 9–12 with 14–17, 19–22 with 24–27, 28–35.
    let (eight, four) =
        (|at| u64::from_be_bytes(bytes::<8>(id, at)), |at| u32::from_be_bytes(bytes::<4>(id, at)));
    let runs = [
        eight(0),
        u64::from(four(9)) << 32 | u64::from(four(14)),
        u64::from(four(19)) << 32 | u64::from(four(24)),
        eight(28),
    ];
    let [a, b, c, d] = runs.map(hex_digits);
    let value = [a? << 32 | b?, c? << 32 | d?];
    (value[1] != 0).then_some(value)
}

/// The `N` bytes of a UUID's text from `at` on.
fn bytes<const N: usize>(id: &[u8; UUID_LEN], at: usize) -> [u8; N] {
    let mut run = [0; N];
    run.copy_from_slice(&id[at..at + N]);
    run
}

/// The value of eight lowercase hex digits, the bytes of `text` (big-endian), or `None` when
/// one is not. All eight bytes at once: the read looks at every row's id.
fn hex_digits(text: u64) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Each byte's top bit: whether it is at least `k`. Bytes below 0x80 plus at most 0x50
    // stay below 0x100, so no byte carries into the next.
    let at_least = |k: u8| text.wrapping_add(u64::from(0x80 - k) * ONES) & HIGH;
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    let letter = at_least(b'a') & !at_least(b'f' + 1);
    if text & HIGH != 0 || digit | letter != HIGH {
        return None;
    }
    // `0`–`9` are 0x30–0x39 and `a`–`f` 0x61–0x66: the low four bits, plus 9 for a letter
    // (bit 6 set).
    let nibbles = (text & (0x0f * ONES)) + 9 * (text >> 6 & ONES);
    let bytes = (nibbles | nibbles >> 4) & 0x00ff_00ff_00ff_00ff;
    let pairs = (bytes | bytes >> 8) & 0x0000_ffff_0000_ffff;
    Some((pairs | pairs >> 16) & 0xffff_ffff)
}

/// The text of a UUID packed by [`pack`], written into `buffer`, which holds at least
/// [`UUID_LEN`] bytes.
pub fn text<'a>(key: &Value, buffer: &'a mut [u8]) -> &'a [u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 32];
    let value = [key[0].to_be_bytes(), key[1].to_be_bytes()];
    for (pair, byte) in digits.chunks_exact_mut(2).zip(value.as_flattened()) {
        pair.copy_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]]);
    }
    // The digits in groups of 8, 4, 4, 4 and 12, a dash before each but the first.
    let (mut at, mut from) = (0, 0);
    for to in [8, 12, 16, 20, 32] {
        if from > 0 {
            buffer[at] = b'-';
            at += 1;
        }
        buffer[at..at + to - from].copy_from_slice(&digits[from..to]);
        (at, from) = (at + to - from, to);
    }
    &buffer[..at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_pack_to_the_value_their_digits_spell_and_unpack_to_their_text() {
        let mut state = 0x853c_49e6_748f_ea9b_u64;
        let mut random = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state
        };
        for _ in 0..100_000 {
            let value = u128::from(random()) << 64 | u128::from(random() | 1);
            let hex = format!("{value:032x}");
            let text =
                format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]);
            #[allow(clippy::cast_possible_truncation)]
            let words = [(value >> 64) as u64, value as u64];
            assert_eq!(pack(text.as_bytes()), Some(words), "{text}");
            assert_eq!(super::text(&words, &mut [0; UUID_LEN]), text.as_bytes());
        }
    }

    #[test]
    fn lowercase_uuids_pack_to_their_value_and_no_other_id_does() {
        assert_eq!(
            pack(b"0000b00a-6dab-fcba-7196-bc06908a7231"),
            Some([0x0000_b00a_6dab_fcba, 0x7196_bc06_908a_7231])
        );
        assert_eq!(pack(b"ffffffff-ffff-ffff-ffff-ffffffffffff"), Some([u64::MAX; 2]));
        assert_eq!(pack(b"0000b00a-6dab-fcba-0000-000000000001"), Some([0x0000_b00a_6dab_fcba, 1]));
        for other in [
            &b"0000B00A-6DAB-FCBA-7196-BC06908A7231"[..],
            b"0000b00a-6dab-fcba-7196-Bc06908a7231",
            b"0000b00a-6dab-fcba-0000-000000000000",
            b"00000000-0000-0000-0000-000000000000",
            b"0000b00a-6dab-fcba-7196_bc06908a7231",
            b"0000b00a6dab-fcba-7196-bc06908a7231-",
            b"0000b00a-6dab-fcba-7196-bc06908a723",
            b"0000b00a-6dab-fcba-7196-bc06908a72311",
            b"",
        ] {
            assert_eq!(pack(other), None, "{:?}", String::from_utf8_lossy(other));
        }
        // Every byte of a UUID's text that is not a lowercase hex digit keeps it unpacked.
        let uuid = *b"0123abcd-4567-89ef-0123-456789abcdef";
        for at in (0..uuid.len()).filter(|at| !UUID_DASHES.contains(at)) {
            for byte in (0..=255u8).filter(|b| !b"0123456789abcdef".contains(b)) {
                let mut changed = uuid;
                changed[at] = byte;
                assert_eq!(pack(&changed), None, "{:?}", String::from_utf8_lossy(&changed));
            }
        }
    }
}
