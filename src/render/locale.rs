//! The report's language: translated text from Fluent catalogues, and numbers, money,
//! percentages and dates in the locale's conventions.
//!
//! Every fixed text of the report is a message in `locales/<lang>/report.ftl`, one
//! catalogue per language with the same message ids (a test checks). Digits, grouping
//! and decimal signs come from CLDR through ICU4X (`icu_decimal`); the patterns around
//! them (where the `%` or the currency goes, how millions are shortened, month names)
//! are messages in the catalogues too, so each language keeps its own conventions in
//! one place. A message missing from a catalogue shows as `⟦id⟧`, never silently in
//! another language.

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

pub use crate::model::Language;
use fluent_templates::LanguageIdentifier;
use fluent_templates::fluent_bundle::FluentValue;
use icu_decimal::input::Decimal;
use icu_decimal::options::DecimalFormatterOptions;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};

fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Fluent wraps arguments in Unicode isolation marks by default; in HTML they are noise.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            bundle.set_formatter(whole_numbers_of(&bundle.locales));
        },
    };
}

/// How the catalogue of `locales` (one language) writes a whole number it is given:
/// counts reach a message as numbers, so that it can choose its plural form (`1 customer`,
/// `2 customers`), and are written as [`Localizer::number`] writes them (`1,234`, `1.234`).
fn whole_numbers_of<M>(locales: &[LanguageIdentifier]) -> Option<fn(&FluentValue, &M) -> Option<String>> {
    let code = locales.first().map(|l| l.language.as_str().to_owned()).unwrap_or_default();
    let position = Language::ALL.iter().position(|l| l.code() == code)?;
    // A plain function per language, as Fluent takes one.
    let written: [fn(&FluentValue, &M) -> Option<String>; 4] =
        [whole_number::<0, M>, whole_number::<1, M>, whole_number::<2, M>, whole_number::<3, M>];
    Some(written[position])
}

/// A whole number from 0 to 2⁵³ with Fluent's default number options, as language
/// `Language::ALL[LANGUAGE]` writes it; `None` for anything else (text, a fraction, a
/// negative number), which Fluent then writes as it does.
fn whole_number<const LANGUAGE: usize, M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else { return None };
    let plain = n.options == fluent_templates::fluent_bundle::types::FluentNumberOptions::default();
    let whole = n.value.fract() == 0.0 && (0.0..=2f64.powi(53)).contains(&n.value);
    (plain && whole).then(|| number(Language::ALL[LANGUAGE], n.value, 0))
}

/// `x` as `language` writes it, rounded to `decimals` places ([`Digits::number`]).
fn number(language: Language, x: f64, decimals: usize) -> String {
    // Made once per thread: ICU's formatter cannot be shared between threads.
    thread_local! {
        static DIGITS: [Digits; 4] = Language::ALL.map(Digits::new);
    }
    let at = Language::ALL.iter().position(|&l| l == language).unwrap_or(0);
    DIGITS.with(|digits| digits[at].number(x, decimals))
}

/// Digits, grouping and decimal sign of one language (CLDR, through ICU4X).
struct Digits(DecimalFormatter);

impl Digits {
    fn new(language: Language) -> Self {
        let locale =
            icu_locale_core::Locale::from_str(language.code()).unwrap_or(icu_locale_core::locale!("und"));
        let decimal = DecimalFormatter::try_new((&locale).into(), DecimalFormatterOptions::default())
            .or_else(|_| {
                DecimalFormatter::try_new(
                    DecimalFormatterPreferences::default(),
                    DecimalFormatterOptions::default(),
                )
            })
            .unwrap_or_else(|_| unreachable!("compiled CLDR data covers the root locale"));
        Self(decimal)
    }

    /// `1,234,567.5` (en), `1.234.567,5` (da), `1 234 567,5` (nb, sv), rounding halves
    /// away from zero to `decimals` places.
    fn number(&self, x: f64, decimals: usize) -> String {
        let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
        let rounded = (x.abs() * scale).round() / scale;
        let sign = if x < 0.0 && rounded != 0.0 { "-" } else { "" };
        let text = format!("{sign}{rounded:.decimals$}");
        match Decimal::try_from_str(&text) {
            Ok(d) => self.0.format(&d).to_string(),
            Err(_) => text,
        }
    }
}

/// An argument of a message: text as shown, or a number (for plural selection).
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<f64> for Arg {
    fn from(x: f64) -> Self {
        Arg::Number(x)
    }
}

impl Arg {
    /// An expected count (customers a change would bring, a year's new customers) rounded
    /// to a whole number as [`Localizer::number`] rounds it, halves away from zero: a
    /// message chooses its form by it and writes it as a count.
    pub fn rounded(x: f64) -> Self {
        Arg::Number(x.round())
    }
}

impl From<u64> for Arg {
    /// A count, exact up to 2⁵³ (no count comes near).
    #[allow(clippy::cast_precision_loss)]
    fn from(x: u64) -> Self {
        Arg::Number(x as f64)
    }
}

impl From<usize> for Arg {
    #[allow(clippy::cast_precision_loss)]
    fn from(x: usize) -> Self {
        Arg::Number(x as f64)
    }
}

/// The messages of one language. Cheap to clone and shareable across threads, so the
/// templates' `t()` function can hold one.
#[derive(Clone, Debug)]
pub struct Catalogue {
    id: LanguageIdentifier,
}

impl Catalogue {
    pub fn new(language: Language) -> Self {
        Self { id: language.code().parse().unwrap_or_default() }
    }

    /// The message `id`, or `⟦id⟧` when the catalogue lacks it.
    pub fn t(&self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// The message `id` with arguments.
    pub fn t_with(&self, id: &str, args: Vec<(&str, Arg)>) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .into_iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(s) => FluentValue::from(s),
                    Arg::Number(x) => FluentValue::from(x),
                };
                (Cow::Owned(k.to_owned()), value)
            })
            .collect();
        self.lookup(id, Some(&map))
    }

    fn lookup(&self, id: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
        CATALOGUES.lookup_single_language(&self.id, id, args).unwrap_or_else(|_| format!("⟦{id}⟧"))
    }

    /// A message if the catalogue has it.
    fn get(&self, id: &str) -> Option<String> {
        CATALOGUES.lookup_single_language::<&str>(&self.id, id, None).ok()
    }
}

/// 1,234 as each language writes a count, with a localizer for it: for tests that a
/// count reaches a message in every language.
#[cfg(test)]
pub fn each_language_with_1234() -> Vec<(Localizer, &'static str)> {
    [
        (Language::En, "1,234"),
        (Language::Da, "1.234"),
        (Language::Nb, "1\u{a0}234"),
        (Language::Sv, "1\u{a0}234"),
    ]
    .into_iter()
    .map(|(language, count)| (Localizer::new(language, "DKK"), count))
    .collect()
}

/// Text and number formatting in one language, for one currency.
pub struct Localizer {
    pub language: Language,
    pub catalogue: Catalogue,
    currency: String,
}

impl Localizer {
    pub fn new(language: Language, currency: &str) -> Self {
        Self { language, catalogue: Catalogue::new(language), currency: currency.to_owned() }
    }

    /// The project currency's ISO code.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The message `id`, or `⟦id⟧` when the catalogue lacks it.
    pub fn t(&self, id: &str) -> String {
        self.catalogue.t(id)
    }

    /// The message `id` with arguments.
    pub fn t_with(&self, id: &str, args: Vec<(&str, Arg)>) -> String {
        self.catalogue.t_with(id, args)
    }

    /// `1,234,567.5` (en), `1.234.567,5` (da), `1 234 567,5` (nb, sv), rounding halves
    /// away from zero to `decimals` places.
    pub fn number(&self, x: f64, decimals: usize) -> String {
        number(self.language, x, decimals)
    }

    /// `x` with up to `max_decimals` decimals and no trailing zeros (`0.815`, `1.09`, `4,896`):
    /// for formulas, where every shown input must reproduce the shown result.
    pub fn exact(&self, x: f64, max_decimals: usize) -> String {
        let rounded = format!("{:.max_decimals$}", x.abs());
        let trimmed = if rounded.contains('.') {
            rounded.trim_end_matches('0').trim_end_matches('.')
        } else {
            &rounded
        };
        let decimals = trimmed.split_once('.').map_or(0, |(_, f)| f.len());
        self.number(x, decimals)
    }

    /// The currency's symbol in this language (`kr.` for DKK in Danish), else its ISO code.
    fn symbol(&self) -> String {
        self.catalogue.get(&format!("currency-{}", self.currency)).unwrap_or_else(|| self.currency.clone())
    }

    /// A whole amount of money: `DKK 1,234,567` (en), `1.234.567 kr.` (da). A negative
    /// amount takes the locale's minus sign in front of the whole pattern (`-DKK 5`,
    /// `−5 kr`), as CLDR's currency patterns do.
    pub fn money(&self, x: f64) -> String {
        self.signed(x, 0, |a| {
            self.t_with(
                "fmt-money",
                vec![("amount", self.number(a, 0).into()), ("symbol", self.symbol().into())],
            )
        })
    }

    /// `body(|x|)`, with the locale's minus sign in front when `x` rounds to a negative value.
    fn signed(&self, x: f64, decimals: usize, body: impl Fn(f64) -> String) -> String {
        let negative = x < 0.0 && self.number(x, decimals).chars().any(|c| c.is_ascii_digit() && c != '0');
        if negative {
            let minus: String = self.number(-1.0, 0).chars().filter(|c| *c != '1').collect();
            format!("{minus}{}", body(-x))
        } else {
            body(x.abs())
        }
    }

    /// Money shortened for sentences and cards: millions as `DKK 12.4m` / `12,4 mio. kr.`;
    /// thousands as `DKK 850k` where the language shortens them.
    pub fn money_short(&self, x: f64) -> String {
        let a = x.abs();
        if a >= 999_500.0 {
            let m = a / 1e6;
            let amount = self.number(m, usize::from(m < 100.0));
            let body = |_| {
                self.t_with(
                    "fmt-money-millions",
                    vec![("amount", amount.clone().into()), ("symbol", self.symbol().into())],
                )
            };
            return self.signed(x, 0, body);
        }
        if a >= 10_000.0 {
            let k = a / 1e3;
            let amount = self.number(k, usize::from(k < 100.0));
            let body = |v: f64| {
                let args = vec![
                    ("amount", amount.clone().into()),
                    ("symbol", self.symbol().into()),
                    ("full", self.money(v).into()),
                ];
                self.t_with("fmt-money-thousands", args)
            };
            return self.signed(x, 0, body);
        }
        self.money(x)
    }

    /// `14.6%` (en), `14,6 %` (da, nb, sv).
    pub fn percent(&self, x: f64, decimals: usize) -> String {
        self.t_with("fmt-percent", vec![("value", self.number(x * 100.0, decimals).into())])
    }

    /// A per cent with as many decimals as it needs (a 12.5 % target stays 12.5 %).
    pub fn percent_exact(&self, x: f64) -> String {
        self.t_with("fmt-percent", vec![("value", self.exact(x * 100.0, 4).into())])
    }

    /// A probability that never reads "100 %" or "0 %" for what merely came close.
    pub fn probability(&self, p: f64) -> String {
        if p > 0.99 && p < 1.0 {
            self.t_with("fmt-above", vec![("value", self.percent(0.99, 0).into())])
        } else if p > 0.0 && p < 0.01 {
            self.t_with("fmt-below", vec![("value", self.percent(0.01, 0).into())])
        } else {
            self.percent(p, 0)
        }
    }

    /// A lever's change: `+2.5 pts` for rates, `+4.0%` for volumes.
    pub fn change(&self, x: f64, absolute: bool) -> String {
        let sign = if x > 0.0 { "+" } else { "" };
        if absolute {
            self.t_with("fmt-points", vec![("value", format!("{sign}{}", self.number(x * 100.0, 1)).into())])
        } else {
            format!("{sign}{}", self.percent(x, 1))
        }
    }

    /// `3.1×`.
    pub fn times(&self, x: f64) -> String {
        format!("{}×", self.number(x, 1))
    }

    /// `2 November 2026` (en), `2. november 2026` (da, nb), `2 november 2026` (sv).
    pub fn date(&self, d: NaiveDate) -> String {
        let month = self.t(&format!("month-{}", d.month()));
        self.t_with(
            "fmt-date",
            vec![
                ("day", d.day().to_string().into()),
                ("month", month.into()),
                ("year", d.year().to_string().into()),
            ],
        )
    }

    /// A short month name for chart axes (`Jan`, `jan.`).
    pub fn month_short(&self, month: u32) -> String {
        self.t(&format!("month-short-{month}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NBSP: &str = "\u{a0}";

    fn all(x: f64, decimals: usize) -> [String; 4] {
        Language::ALL.map(|l| Localizer::new(l, "DKK").number(x, decimals))
    }

    /// Expected values from CLDR's number symbols: en `,` and `.`; da `.` and `,`;
    /// nb and sv a no-break space and `,`, with the true minus sign (U+2212).
    #[test]
    fn numbers_follow_cldr_in_every_language() {
        let nb_sv = |s: &str| s.replace(' ', NBSP);
        assert_eq!(
            all(1_234_567.891, 2),
            ["1,234,567.89".into(), "1.234.567,89".into(), nb_sv("1 234 567,89"), nb_sv("1 234 567,89")]
        );
        assert_eq!(all(-1234.5, 0), ["-1,235".into(), "-1.235".into(), nb_sv("−1 235"), nb_sv("−1 235")]);
        assert_eq!(all(0.0, 1), ["0.0", "0,0", "0,0", "0,0"].map(String::from));
        assert_eq!(all(-0.004, 2), ["0.00", "0,00", "0,00", "0,00"].map(String::from));
        assert_eq!(all(999.0, 0), ["999", "999", "999", "999"].map(String::from));
    }

    /// A count reaches a message as a number: the message chooses its form by it (one row,
    /// 1,234 rows), and it is written in the language's digits, as `number` writes it.
    #[test]
    fn a_count_chooses_its_plural_form_and_is_written_in_the_languages_digits() {
        let skipped = |l: &Localizer, rows: u64| {
            l.t_with("data-skipped", vec![("rows", rows.into()), ("reason", "x".into())])
        };
        let expected = [
            ("1 row with x", "rows with x"),
            ("1 linje med x", "linjer med x"),
            ("1 linje med x", "linjer med x"),
            ("1 rad med x", "rader med x"),
        ];
        for ((l, grouped), (one, many)) in each_language_with_1234().iter().zip(expected) {
            assert_eq!(skipped(l, 1), one, "{}", l.language);
            assert_eq!(skipped(l, 1234), format!("{grouped} {many}"), "{}", l.language);
            assert_eq!(skipped(l, 0), format!("0 {many}"), "{}", l.language);
            // Past 2^53, and for a fraction, Fluent's own writing: no grouping.
            let far = l.t_with("data-skipped", vec![("rows", 1e16.into()), ("reason", "x".into())]);
            assert!(far.starts_with("10000000000000000 "), "{far}");
            let half = l.t_with("data-skipped", vec![("rows", 1234.5.into()), ("reason", "x".into())]);
            assert!(half.starts_with("1234.5 "), "{half}");
        }
        // Every message that counts customers or rows takes a number, in every language: a
        // text argument would not choose a form, and its `[one]` would never show. The
        // languages after each message read the same for one as for many: the Nordic
        // "yderligere 1 har ingen" names nothing after the count, and English "1 more of the
        // 40 customers" needs no other form.
        let nordic = [Language::Da, Language::Nb, Language::Sv];
        let cases: [(&str, &str, &[Language]); 12] = [
            ("data-coverage", "customers", &[]),
            ("data-coverage", "rows", &[]),
            ("data-returns-only", "customers", &[]),
            ("data-no-p-alive", "customers", &[]),
            ("desc-p-alive-item-left-out", "customers", &nordic),
            ("data-no-fit-too-few", "customers", &[]),
            ("data-no-fit-too-few-repeat", "customers", &[]),
            ("desc-loyalty-stage", "customers", &[]),
            ("assumption-acquisition", "customers", &[]),
            ("data-problems-note", "customers", &[]),
            ("loyalty-bottleneck", "customers", &[Language::En]),
            ("loyalty-bottleneck-unvalued", "customers", &[Language::En]),
        ];
        // Every other argument any of these messages takes, so that none is missing.
        let texts = [
            "segment",
            "model",
            "shares",
            "stage",
            "share",
            "needed",
            "files",
            "from",
            "to",
            "spend",
            "categories",
            "window",
            "conversion",
            "all",
            "best",
            "best_segment",
            "at_from",
            "value",
        ];
        for (l, grouped) in each_language_with_1234() {
            for (id, var, same) in cases {
                let with = |n: u64| {
                    let counts =
                        ["rows", "customers"].into_iter().filter(|o| *o != var).map(|o| (o, 7u64.into()));
                    let texts = texts.map(|o| (o, Arg::from("x")));
                    l.t_with(id, std::iter::once((var, n.into())).chain(counts).chain(texts).collect())
                };
                let (one, many) = (with(1), with(1234));
                assert!(many.contains(grouped) && !many.contains('⟦'), "{id} ({}): {many}", l.language);
                if !same.contains(&l.language) {
                    assert_ne!(
                        one,
                        many.replace(grouped, "1"),
                        "{id} ({}) has one form only: {one}",
                        l.language
                    );
                }
            }
        }
        // An expected count is rounded as `number` rounds it, and written as a count.
        for (l, grouped) in each_language_with_1234() {
            let args = |x: f64| vec![("customers", Arg::rounded(x)), ("spend", Arg::from("x"))];
            assert_eq!(
                l.t_with("assumption-acquisition", args(1233.5)),
                l.t_with("assumption-acquisition", args(1234.0))
            );
            assert!(l.t_with("assumption-acquisition", args(1234.4)).contains(grouped));
            assert_eq!(l.number(1233.5, 0), grouped);
        }
    }

    fn in_own_currency(language: Language) -> Localizer {
        let currency = match language {
            Language::En | Language::Da => "DKK",
            Language::Nb => "NOK",
            Language::Sv => "SEK",
        };
        Localizer::new(language, currency)
    }

    /// CLDR currency patterns (`¤#,##0` in English, `#,##0 ¤` in the Nordic languages),
    /// the Nordic symbols `kr.` / `kr`, and each language's short form for millions.
    #[test]
    fn money_follows_each_language() {
        let expect = |l: Language, full: &str, negative: &str, millions: &str, thousands: &str| {
            let x = in_own_currency(l);
            let nbsp = |s: &str| s.replace('~', NBSP);
            assert_eq!(x.money(1_234_567.891), nbsp(full), "{l}");
            assert_eq!(x.money(-1234.5), nbsp(negative), "{l}");
            assert_eq!(x.money_short(12_410_000.0), nbsp(millions), "{l}");
            assert_eq!(x.money_short(850_000.0), nbsp(thousands), "{l}");
            assert_eq!(
                x.money(0.2),
                nbsp(&full.replace("1,234,568", "0").replace("1.234.568", "0").replace("1~234~568", "0")),
                "{l}"
            );
        };
        expect(Language::En, "DKK 1,234,568", "-DKK 1,235", "DKK 12.4m", "DKK 850k");
        expect(Language::Da, "1.234.568~kr.", "-1.235~kr.", "12,4~mio.~kr.", "850.000~kr.");
        expect(Language::Nb, "1~234~568~kr", "−1~235~kr", "12,4~mill.~kr", "850~000~kr");
        expect(Language::Sv, "1~234~568~kr", "−1~235~kr", "12,4~mnkr", "850~000~kr");
        // Another currency falls back to its ISO code.
        assert_eq!(Localizer::new(Language::Sv, "EUR").money(1000.0), format!("1{NBSP}000{NBSP}EUR"));
    }

    #[test]
    fn percentages_points_and_dates_follow_each_language() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let cases = [
            (Language::En, "14.6%", "0.4%", "+2.5 pts", "2 November 2026"),
            (Language::Da, "14,6~%", "0,4~%", "+2,5~%-point", "2. november 2026"),
            (Language::Nb, "14,6~%", "0,4~%", "+2,5~prosentpoeng", "2. november 2026"),
            (Language::Sv, "14,6~%", "0,4~%", "+2,5~procentenheter", "2 november 2026"),
        ];
        for (language, percent, small, points, long_date) in cases {
            let x = Localizer::new(language, "DKK");
            let nbsp = |s: &str| s.replace('~', NBSP);
            assert_eq!(x.percent(0.1457, 1), nbsp(percent), "{language}");
            assert_eq!(x.percent(0.004, 1), nbsp(small), "{language}");
            assert_eq!(x.change(0.025, true), nbsp(points), "{language}");
            assert_eq!(x.date(date), long_date, "{language}");
        }
    }

    #[test]
    fn exact_values_drop_trailing_zeros_only() {
        let en = Localizer::new(Language::En, "DKK");
        assert_eq!(en.exact(0.815_000_000_000_000_1, 6), "0.815");
        assert_eq!(en.exact(4896.0, 6), "4,896");
        assert_eq!(en.exact(3.889_651_263, 6), "3.889651");
        assert_eq!(Localizer::new(Language::Da, "DKK").exact(1.085, 6), "1,085");
    }

    #[test]
    fn a_missing_message_is_marked_not_hidden() {
        assert_eq!(Localizer::new(Language::Da, "DKK").t("no-such-message"), "⟦no-such-message⟧");
    }
}
