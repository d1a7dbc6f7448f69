//! One field of a CSV row → a value: money, a date, a rate, or text in the file's encoding.
//!
//! These run once per row of logs with tens of millions of rows, so they work on bytes,
//! allocate nothing and parse only the formats a client's export actually uses.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

/// Money is kept as whole ten-thousandths of the currency unit, so sums are exact and do not
/// depend on the order rows are added in (which, read in parallel, differs between runs).
pub const UNITS_PER_CURRENCY: i64 = 10_000;

/// The most money one row may hold, either way, in ten-thousandths (a trillion in the
/// currency): more is a mistake. A sum of rows can still pass what an `i64` holds, some
/// 920 rows at the cap: [`MAX_LOG_MONEY`] keeps every sum in range.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000 * UNITS_PER_CURRENCY;

/// The most a file's money may add up to, each amount without its sign, in
/// ten-thousandths: 100 trillion in the currency, about the world's yearly output. It
/// holds for the amounts and margins of a log's usable rows, and for a summary's revenue
/// in the loyalty path's window, the money either is summed from. A file past it has a
/// column misread (an id or a barcode read as money). Below it, every sum of money the
/// reading and the models take (a customer's day, their history, a segment's, the whole
/// file's, and one such sum less another) stays under a fourth of the 9.2 × 10¹⁸ an `i64`
/// holds, so none overflows, whatever the rows.
pub const MAX_LOG_MONEY: u64 = 100_000_000_000_000 * UNITS_PER_CURRENCY.unsigned_abs();

/// Decimals kept; a fifth decimal is rounded half away from zero.
const DECIMALS: u32 = 4;

/// Why a field could not be read; the caller adds the row and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Empty,
    /// Not a number in the file's format.
    NotANumber,
    /// A thousands separator where groups of three digits do not allow one: most often a
    /// number written with the other decimal sign.
    Grouping,
    /// More digits than fit in the exact representation.
    TooLarge,
    NotADate,
}

/// Whether `a` and `b` hold the same bytes: for the short fields each row compares (its
/// date with the row before's, its segment with those seen), which from 8 to 16 bytes long
/// are compared as two words each instead of by a call to compare memory.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if (8..=16).contains(&n) {
        let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("eight bytes"));
        // The first eight bytes and the last eight cover them all.
        return word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8);
    }
    a == b
}

/// Trims ASCII spaces and tabs at both ends.
pub fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

/// [`trim`] for text: spaces and tabs are single bytes, so what is left starts and ends on
/// a character. Quicker than `trim_matches`, which decodes characters, on a million rows.
pub fn trim_text(s: &str) -> &str {
    let blank = |b: &u8| matches!(b, b' ' | b'\t');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !blank(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !blank(b)).map_or(start, |i| i + 1);
    &s[start..end]
}

/// Parses an amount such as `1234.5`, `-12,50` or `1.234,50` into ten-thousandths.
///
/// `decimal` is the decimal sign (`.` or `,`); the other of the two is accepted as a
/// thousands separator before the decimal sign, but only between groups of three digits
/// after a first group of one to three (`1.234.567,89`), so that a number written with the
/// other decimal sign (`6078.76` where `,` is declared) is an error, never an amount a
/// hundred times too large. A leading `-` marks a return.
pub fn amount(field: &[u8], decimal: u8) -> Result<i64, FieldError> {
    match plain_amount(field, decimal) {
        Some(units) => Ok(units),
        None => amount_by_the_rules(field, decimal),
    }
}

/// The shape nearly every amount of an export has, read at a glance: an optional `-`, one
/// to twelve digits, and optionally the decimal sign and one to four more. `None` for any
/// other field (spaces, a `+`, thousands separators, a fifth decimal, more digits), which
/// [`amount_by_the_rules`] reads; where both read a field they agree. Ten million rows
/// each read an amount, and the general rules' state took a twentieth of the read.
fn plain_amount(field: &[u8], decimal: u8) -> Option<i64> {
    let (negative, digits) = match field {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, field),
    };
    let whole = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if whole == 0 || whole > 12 {
        return None;
    }
    let fraction = match &digits[whole..] {
        [] => &[][..],
        [sign, fraction @ ..] if *sign == decimal && (1..=4).contains(&fraction.len()) => fraction,
        _ => return None,
    };
    if !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // At most sixteen digits: below 10¹⁶, far inside an i64 and the largest amount allowed.
    let units = digits[..whole].iter().chain(fraction).fold(0_i64, |n, b| n * 10 + i64::from(b - b'0'));
    let units = units * 10_i64.pow(DECIMALS - u32::try_from(fraction.len()).unwrap_or(DECIMALS));
    Some(if negative { -units } else { units })
}

/// [`amount`] by its every rule: trimming, signs, thousands separators, rounding.
fn amount_by_the_rules(field: &[u8], decimal: u8) -> Result<i64, FieldError> {
    let s = trim(field);
    let (negative, digits) = match s {
        [] => return Err(FieldError::Empty),
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    let thousands = if decimal == b',' { b'.' } else { b',' };
    let mut units: i64 = 0;
    let mut seen_digit = false;
    let mut decimals: Option<u32> = None;
    let mut round_up = false;
    // Digits before the first thousands separator, and in the group since the last one.
    let (mut leading, mut group): (u32, Option<u32>) = (0, None);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                let d = i64::from(b - b'0');
                match decimals {
                    Some(n) if n >= DECIMALS => {
                        // Only the first dropped digit decides the rounding.
                        if n == DECIMALS {
                            round_up = d >= 5;
                        }
                        decimals = Some(n + 1);
                        continue;
                    }
                    Some(n) => decimals = Some(n + 1),
                    None => match group.as_mut() {
                        Some(g) => *g += 1,
                        None => leading += 1,
                    },
                }
                units = units.checked_mul(10).and_then(|u| u.checked_add(d)).ok_or(FieldError::TooLarge)?;
            }
            _ if b == decimal && decimals.is_none() => {
                if group.is_some_and(|g| g != 3) {
                    return Err(FieldError::Grouping);
                }
                decimals = Some(0);
            }
            _ if b == thousands && decimals.is_none() && seen_digit => {
                if group.map_or(leading > 3, |g| g != 3) {
                    return Err(FieldError::Grouping);
                }
                group = Some(0);
            }
            _ => return Err(FieldError::NotANumber),
        }
    }
    if !seen_digit {
        return Err(FieldError::NotANumber);
    }
    if decimals.is_none() && group.is_some_and(|g| g != 3) {
        return Err(FieldError::Grouping);
    }
    let kept = decimals.unwrap_or(0).min(DECIMALS);
    units = units.checked_mul(10_i64.pow(DECIMALS - kept)).ok_or(FieldError::TooLarge)?;
    if round_up {
        units = units.checked_add(1).ok_or(FieldError::TooLarge)?;
    }
    if units > MAX_AMOUNT {
        return Err(FieldError::TooLarge);
    }
    Ok(if negative { -units } else { units })
}

/// The other decimal sign than `decimal`.
pub fn other_decimal(decimal: u8) -> u8 {
    if decimal == b',' { b'.' } else { b',' }
}

/// Parses a margin rate such as `0.31`, `0,31` or `31%` into a fraction.
pub fn rate(field: &[u8], decimal: u8) -> Result<f64, FieldError> {
    let s = trim(field);
    let (number, scale) = match s {
        [rest @ .., b'%'] => (trim(rest), 100.0),
        _ => (s, 1.0),
    };
    #[allow(clippy::cast_precision_loss)] // ten-thousandths of a rate, far below 2^53
    amount(number, decimal).map(|units| units as f64 / UNITS_PER_CURRENCY as f64 / scale)
}

/// A date format, compiled once from its `strftime` pattern.
///
/// Understands `%Y` (four-digit year), `%m`, `%d` (one or two digits), `%y` (two-digit
/// year, 2000–2099), `%H`, `%M`, `%S` (read and ignored) and `%%`; every other character
/// must appear as written. Text after a complete date that starts with a space or `T`
/// (a time of day) is ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFormat {
    pattern: String,
    parts: Vec<Part>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Year,
    ShortYear,
    Month,
    Day,
    /// An hour, minute or second: read, not used.
    Clock,
    Literal(u8),
}

impl DateFormat {
    /// Compiles `pattern`; the error names the directive that is not understood.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut bytes = pattern.bytes();
        while let Some(b) = bytes.next() {
            if b != b'%' {
                parts.push(Part::Literal(b));
                continue;
            }
            parts.push(match bytes.next() {
                Some(b'Y') => Part::Year,
                Some(b'y') => Part::ShortYear,
                Some(b'm') => Part::Month,
                Some(b'd' | b'e') => Part::Day,
                Some(b'H' | b'M' | b'S') => Part::Clock,
                Some(b'%') => Part::Literal(b'%'),
                Some(other) => return Err(format!("`%{}` is not supported", char::from(other))),
                None => return Err("the pattern ends with a lone `%`".into()),
            });
        }
        let has = |p: Part| parts.contains(&p);
        if !(has(Part::Year) || has(Part::ShortYear)) || !has(Part::Month) || !has(Part::Day) {
            return Err("a date format needs a year (%Y or %y), a month (%m) and a day (%d)".into());
        }
        Ok(Self { pattern: pattern.to_owned(), parts })
    }

    /// The ISO format, `%Y-%m-%d`.
    pub fn iso() -> Self {
        Self::new("%Y-%m-%d").expect("the ISO pattern is valid")
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Days since 1970-01-01 of the date in `field`.
    pub fn parse(&self, field: &[u8]) -> Result<i32, FieldError> {
        let mut s = trim(field);
        if s.is_empty() {
            return Err(FieldError::Empty);
        }
        let (mut year, mut month, mut day) = (None, None, None);
        for part in &self.parts {
            match *part {
                Part::Literal(b) => match s {
                    [first, rest @ ..] if *first == b => s = rest,
                    _ => return Err(FieldError::NotADate),
                },
                Part::Year => year = Some(digits(&mut s, 4, 4)?),
                Part::ShortYear => year = Some(2000 + digits(&mut s, 2, 2)?),
                Part::Month => month = Some(digits(&mut s, 1, 2)?),
                Part::Day => day = Some(digits(&mut s, 1, 2)?),
                Part::Clock => {
                    digits(&mut s, 1, 2)?;
                }
            }
        }
        if !matches!(s, [] | [b' ' | b'T', ..]) {
            return Err(FieldError::NotADate);
        }
        let (Some(y), Some(m), Some(d)) = (year, month, day) else {
            return Err(FieldError::NotADate);
        };
        days_from_civil(y, m, d).ok_or(FieldError::NotADate)
    }
}

/// Reads `min..=max` ASCII digits from the front of `s`.
fn digits(s: &mut &[u8], min: usize, max: usize) -> Result<u32, FieldError> {
    let n = s.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
    if n < min {
        return Err(FieldError::NotADate);
    }
    let value = s[..n].iter().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
    *s = &s[n..];
    Ok(value)
}

/// Days since 1970-01-01, or `None` for a date that does not exist (31 April).
pub fn days_from_civil(year: u32, month: u32, day: u32) -> Option<i32> {
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(date.num_days_from_ce() - EPOCH_DAYS_FROM_CE)
}

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// The calendar date of a day number.
pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_DAYS_FROM_CE).unwrap_or(NaiveDate::MIN)
}

/// The calendar year of a day number, in integer arithmetic (H. Hinnant's `civil_from_days`):
/// the per-day loops of the analysis ask for it millions of times.
pub fn year_of(day: i32) -> i32 {
    // Days counted from 0000-03-01, so leap days end each 4-, 100- and 400-year cycle.
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    // Months from March: January and February (10 and 11) belong to the next calendar year.
    let march_based_month = (5 * day_of_year + 2) / 153;
    let year = year_of_era + era * 400 + i64::from(march_based_month >= 10);
    i32::try_from(year).unwrap_or(i32::MAX)
}

/// The day number of a calendar date.
pub fn day_of(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

/// The text encodings client exports come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Older Nordic exports: `æ`, `ø`, `å` as single bytes.
    Windows1252,
}

impl Encoding {
    /// The text of `bytes`, or `None` when they are not valid in this encoding. Borrowed
    /// unless Windows-1252 bytes beyond ASCII had to be decoded: a log's rows look up their
    /// segment and category by this text, and an allocation per row would show.
    pub fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        match self {
            Self::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Self::Windows1252 if bytes.is_ascii() => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Self::Windows1252 => Some(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect())),
        }
    }

    /// Whether `bytes` are valid text in this encoding (every byte is, in Windows-1252).
    pub fn is_valid(self, bytes: &[u8]) -> bool {
        self == Self::Windows1252 || bytes.is_ascii() || std::str::from_utf8(bytes).is_ok()
    }
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F; its five unassigned bytes map to
/// the C1 control characters of the same value, as browsers decode them.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_as_its_bytes_are() {
        for text in [" \tcafé 1\t ", "café", "   ", "", "\t\u{a0}x\u{a0}"] {
            let trimmed = trim_text(text);
            assert_eq!(trimmed.as_bytes(), trim(text.as_bytes()), "{text:?}");
        }
        assert_eq!(trim_text(" a b "), "a b");
    }

    #[test]
    fn amounts_in_both_decimal_conventions() {
        assert_eq!(amount(b"1234.5", b'.'), Ok(12_345_000));
        assert_eq!(amount(b" 1,234.50 ", b'.'), Ok(12_345_000));
        assert_eq!(amount(b"1.234,50", b','), Ok(12_345_000));
        assert_eq!(amount(b"-12,5", b','), Ok(-125_000));
        assert_eq!(amount(b"0.00005", b'.'), Ok(1), "a fifth decimal rounds half away from zero");
        assert_eq!(amount(b"0.00004", b'.'), Ok(0));
        assert_eq!(amount(b"-0.00005", b'.'), Ok(-1));
        assert_eq!(amount(b"7", b'.'), Ok(70_000));
    }

    #[test]
    fn plain_amounts_read_at_a_glance_as_the_rules_read_them() {
        // Every field of these characters up to five long, and longer ones of each shape.
        let alphabet: &[u8] = b"-+0159., ";
        let mut fields: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = fields
                .iter()
                .filter(|f| f.len() == fields.last().map_or(0, Vec::len))
                .flat_map(|f| alphabet.iter().map(move |&b| [f.as_slice(), &[b]].concat()))
                .collect();
            fields.extend(longer);
        }
        for extra in [
            &b"999999999999.9999"[..],
            b"-999999999999.9999",
            b"9999999999999",
            b"1000000000000",
            b"123456789012.12345",
            b"0000000000001.5",
            b"12.3456",
            b"-0.0001",
            b"1,234.5",
        ] {
            fields.push(extra.to_vec());
        }
        let mut plain = 0;
        for field in &fields {
            for decimal in [b'.', b','] {
                if let Some(units) = plain_amount(field, decimal) {
                    plain += 1;
                    assert_eq!(
                        Ok(units),
                        amount_by_the_rules(field, decimal),
                        "{:?}",
                        String::from_utf8_lossy(field)
                    );
                }
            }
        }
        // Not a path never taken: the common shapes are read at a glance.
        assert!(plain > 1000, "{plain} fields read at a glance");
        for common in [&b"6078.76"[..], b"-12.5", b"7", b"0.0001"] {
            assert!(plain_amount(common, b'.').is_some(), "{:?}", String::from_utf8_lossy(common));
        }
    }

    #[test]
    fn same_bytes_is_slice_equality() {
        let texts: [&[u8]; 9] = [
            b"",
            b"a",
            b"2024-01-05",
            b"2024-01-06",
            b"3024-01-05",
            b"2024-01-0",
            b"installers",
            b"installerz",
            b"a-seventeen-bytes",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_bytes(a, b), a == b, "{a:?} {b:?}");
            }
        }
        for n in 0..20 {
            let a: Vec<u8> = (0..n).collect();
            for i in 0..usize::from(n) {
                let mut b = a.clone();
                b[i] ^= 1;
                assert!(!same_bytes(&a, &b), "{n} bytes, byte {i} differs");
            }
            assert!(same_bytes(&a, &a.clone()));
        }
    }

    #[test]
    fn thousands_separators_only_between_groups_of_three() {
        let cases: [(&[u8], u8, Result<i64, FieldError>); 22] = [
            (b"1.234.567,89", b',', Ok(12_345_678_900)),
            (b"1234567,89", b',', Ok(12_345_678_900)),
            (b"1,234,567.89", b'.', Ok(12_345_678_900)),
            (b"1234567.89", b'.', Ok(12_345_678_900)),
            (b"123.456", b',', Ok(1_234_560_000)),
            (b"1,234", b'.', Ok(12_340_000)),
            (b"-1.234,5", b',', Ok(-12_345_000)),
            // The other decimal sign: errors, never a hundred times the amount.
            (b"6078.76", b',', Err(FieldError::Grouping)),
            (b"6.078.76", b',', Err(FieldError::Grouping)),
            (b"6078,76", b'.', Err(FieldError::Grouping)),
            (b"12,34", b'.', Err(FieldError::Grouping)),
            (b"0,31", b'.', Err(FieldError::Grouping)),
            (b"1.2345", b',', Err(FieldError::Grouping)),
            (b"1234.567", b',', Err(FieldError::Grouping)),
            (b"1.23.456", b',', Err(FieldError::Grouping)),
            (b"1.234.56,7", b',', Err(FieldError::Grouping)),
            (b"12.34,5", b',', Err(FieldError::Grouping)),
            (b"1,2", b'.', Err(FieldError::Grouping)),
            (b"1,234,56", b'.', Err(FieldError::Grouping)),
            (b"1.234,5,6", b',', Err(FieldError::NotANumber)),
            (b"1..234", b',', Err(FieldError::Grouping)),
            (b".234", b',', Err(FieldError::NotANumber)),
        ];
        for (field, decimal, expected) in cases {
            assert_eq!(
                amount(field, decimal),
                expected,
                "{} with `{}`",
                String::from_utf8_lossy(field),
                decimal as char
            );
        }
    }

    #[test]
    fn amounts_that_are_not_numbers() {
        assert_eq!(amount(b"", b'.'), Err(FieldError::Empty));
        assert_eq!(amount(b"abc", b'.'), Err(FieldError::NotANumber));
        assert_eq!(amount(b"1.2.3", b'.'), Err(FieldError::NotANumber));
        assert_eq!(amount(b"1e5", b'.'), Err(FieldError::NotANumber));
        assert_eq!(amount(b"-", b'.'), Err(FieldError::NotANumber));
        assert_eq!(amount(b",5", b'.'), Err(FieldError::NotANumber), "a separator needs digits before it");
        assert_eq!(amount(b"99999999999999999999", b'.'), Err(FieldError::TooLarge));
    }

    #[test]
    fn rates_as_fractions_or_percentages() {
        assert_eq!(rate(b"0.31", b'.'), Ok(0.31));
        assert_eq!(rate(b"31%", b'.'), Ok(0.31));
        assert_eq!(rate(b"0,25", b','), Ok(0.25));
    }

    #[test]
    fn dates_in_iso_and_nordic_formats() {
        let iso = DateFormat::iso();
        assert_eq!(iso.parse(b"1970-01-01"), Ok(0));
        assert_eq!(iso.parse(b"2024-02-29"), Ok(19_782));
        assert_eq!(iso.parse(b"2024-02-29 13:45:00"), Ok(19_782), "a time of day is ignored");
        assert_eq!(iso.parse(b"2023-02-29"), Err(FieldError::NotADate));
        assert_eq!(iso.parse(b"2024-02-29x"), Err(FieldError::NotADate));
        let nordic = DateFormat::new("%d.%m.%Y").unwrap();
        assert_eq!(nordic.parse(b"29.02.2024"), Ok(19_782));
        assert_eq!(nordic.parse(b"1.3.2024"), Ok(19_783));
        assert_eq!(nordic.parse(b"2024-03-01"), Err(FieldError::NotADate));
        assert_eq!(date_of(19_782), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    }

    #[test]
    fn date_formats_need_year_month_and_day() {
        assert!(DateFormat::new("%Y-%m").is_err());
        assert!(DateFormat::new("%Y-%q-%d").is_err());
        assert!(DateFormat::new("%d/%m/%y").is_ok());
    }

    #[test]
    fn year_of_agrees_with_the_calendar() {
        use chrono::Datelike;
        let first = day_of(NaiveDate::from_ymd_opt(1600, 1, 1).unwrap());
        let last = day_of(NaiveDate::from_ymd_opt(2400, 12, 31).unwrap());
        for day in first..=last {
            assert_eq!(year_of(day), date_of(day).year(), "{}", date_of(day));
        }
    }

    #[test]
    fn windows_1252_decodes_nordic_letters() {
        assert_eq!(Encoding::Windows1252.decode(b"K\xf8benhavn \x80").unwrap(), "København €");
        assert_eq!(Encoding::Utf8.decode(b"K\xf8benhavn"), None);
        // Text that needs no decoding is lent, not copied: every row's segment is decoded.
        for encoding in [Encoding::Utf8, Encoding::Windows1252] {
            assert!(matches!(encoding.decode(b"installers"), Some(Cow::Borrowed("installers"))));
        }
        assert!(matches!(Encoding::Utf8.decode("Tromsø".as_bytes()), Some(Cow::Borrowed("Tromsø"))));
    }
}
