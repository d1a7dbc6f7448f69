//! Unsigned LEB128 numbers (seven bits a byte, low bits first), the small numbers of a
//! part's line map and its rows: most take one byte or two.

/// Appends `value`.
pub fn push(out: &mut Vec<u8>, mut value: u64) {
    loop {
        #[allow(clippy::cast_possible_truncation)] // the low seven bits
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The number at `at` and where the next one starts; `None` when the bytes end inside it
/// or it runs past 64 bits. Most of a part's numbers take one byte, read at once.
#[inline]
pub fn read(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    match bytes.get(at) {
        Some(&byte) if byte < 0x80 => Some((u64::from(byte), at + 1)),
        _ => read_long(bytes, at),
    }
}

/// [`read`] of a number of more than one byte, or of none.
fn read_long(bytes: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        let bits = u64::from(byte & 0x7f);
        if shift == 63 && bits > 1 {
            return None;
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

/// A signed number as an unsigned one of about its size: 0, −1, 1, −2, … → 0, 1, 2, 3, …
pub fn zigzag(value: i64) -> u64 {
    #[allow(clippy::cast_sign_loss)] // the bits, rearranged
    let unsigned = ((value << 1) ^ (value >> 63)) as u64;
    unsigned
}

/// The signed number [`zigzag`] made `value` of.
pub fn unzigzag(value: u64) -> i64 {
    #[allow(clippy::cast_possible_wrap)] // the bits, rearranged
    let signed = ((value >> 1) as i64) ^ -((value & 1) as i64);
    signed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_written_and_cut_ones_do_not_read() {
        for value in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut bytes = Vec::new();
            push(&mut bytes, value);
            assert_eq!(read(&bytes, 0), Some((value, bytes.len())), "{value}");
            assert_eq!(read(&bytes[..bytes.len() - 1], 0), None, "{value}, its last byte cut");
        }
        // Eleven bytes, or a tenth byte with more than the 64th bit, are no number.
        assert_eq!(read(&[0xff; 11], 0), None);
        assert_eq!(read(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], 0), None);
        for value in [0, 1, -1, 63, -64, 64, i64::from(i32::MIN), i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!([0, -1, 1, -2].map(zigzag), [0, 1, 2, 3]);
    }
}
