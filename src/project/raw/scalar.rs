//! Scalars as the consultant wrote them, before any range check.
//!
//! Every number in the project files is read as [`Num`], which keeps whatever
//! was written (a number, or text such as `"78%"` or `"12k"`), so a bad value
//! becomes a located diagnostic during validation instead of aborting the
//! whole file at the first type error. Three-point estimates are read as
//! [`RawEstimate`], accepting one number or a `{low, likely, high}` mapping.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// A value with the place it was written.
///
/// serde-saphyr's `Spanned`, wrapped so that the JSON Schemas for editors can be derived
/// from the same raw types (a schema sees only the value).
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub referenced: Location,
    pub defined: Location,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(Sp { value: spanned.value, referenced: spanned.referenced, defined: spanned.defined })
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

impl JsonSchema for Num {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A number; a rate may also be written as a percentage such as "78%". The field's
        // own doc comment is its description.
        json_schema!({ "type": ["number", "string"] })
    }
}

impl JsonSchema for RawEstimate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Estimate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let point =
            |description: &str| json_schema!({ "type": ["number", "string"], "description": description });
        json_schema!({
            "description": "One certain number, or a three-point estimate {low, likely, high} from pessimistic to optimistic: low ≤ likely ≤ high, except for a change in monthly churn, where low is the smallest reduction (low ≥ likely ≥ high).",
            "anyOf": [
                { "type": ["number", "string"] },
                {
                    "type": "object",
                    "properties": {
                        "low": point("The pessimistic point (for a change in churn, the smallest reduction)."),
                        "likely": point("The most likely value."),
                        "high": point("The optimistic point (for a change in churn, the largest reduction).")
                    },
                    "required": ["low", "likely", "high"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A number as written: a YAML number, or text to be interpreted by validation.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumVisitor)
    }
}

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
        Ok(Num::Number(v))
    }

    #[allow(clippy::cast_precision_loss)] // counts and money far below 2^53
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num::Number(v as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
        Ok(Num::Number(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        Ok(Num::Text(v.to_owned()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Num, E> {
        Ok(Num::Text(v.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Num, E> {
        Ok(Num::Text(String::new()))
    }
}

/// A number field of a YAML block. An absent key is `None` (`#[serde(default)]`); a key written
/// with no value (`customers:`) is `Some(Num::Text(""))` with its own position, so validation
/// can say "has no value" at the right line instead of "missing" at the enclosing block. (A
/// plain `Option` would read the empty value as absent.)
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumField(pub Option<Sp<Num>>);

impl<'de> Deserialize<'de> for NumField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Sp::<Num>::deserialize(deserializer).map(|n| Self(Some(n)))
    }
}

impl std::ops::Deref for NumField {
    type Target = Option<Sp<Num>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl JsonSchema for NumField {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Num::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Num::json_schema(generator)
    }
}

/// A number field whose editor schema gives its range, `LO..=HI`; read and checked as a
/// [`NumField`] (validation gives the range's error with its line).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Bounded<const LO: u16, const HI: u16>(pub NumField);

impl<const LO: u16, const HI: u16> std::ops::Deref for Bounded<LO, HI> {
    type Target = NumField;

    fn deref(&self) -> &NumField {
        &self.0
    }
}

impl<const LO: u16, const HI: u16> JsonSchema for Bounded<LO, HI> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Num::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = Num::json_schema(generator);
        schema.insert("minimum".into(), LO.into());
        schema.insert("maximum".into(), HI.into());
        schema
    }
}

/// A rate, share or correlation: 0–1.
pub type RateField = Bounded<0, 1>;
/// A touchpoint score or a risk's likelihood or impact: 1–5.
pub type FivePointField = Bounded<1, 5>;
/// A job's importance or satisfaction: 0–10.
pub type TenPointField = Bounded<0, 10>;
/// A number of years: 1–30.
pub type YearsField = Bounded<1, 30>;
/// A number of days: 1–3650.
pub type DaysField = Bounded<1, 3650>;
/// A number of product categories: 2–32 (one category is every customer; a log holds at
/// most 32).
pub type CategoriesField = Bounded<2, 32>;

/// A lever's effect: one certain number, or a three-point estimate.
#[allow(clippy::large_enum_variant)] // lives only while one file is validated
#[derive(Clone, Debug, PartialEq)]
pub enum RawEstimate {
    One(Num),
    Three { low: Option<Sp<Num>>, likely: Option<Sp<Num>>, high: Option<Sp<Num>> },
}

impl<'de> Deserialize<'de> for RawEstimate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EstimateVisitor)
    }
}

struct EstimateVisitor;

impl<'de> Visitor<'de> for EstimateVisitor {
    type Value = RawEstimate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a mapping {low, likely, high}")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawEstimate, E> {
        NumVisitor.visit_f64(v).map(RawEstimate::One)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawEstimate, E> {
        NumVisitor.visit_i64(v).map(RawEstimate::One)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawEstimate, E> {
        NumVisitor.visit_u64(v).map(RawEstimate::One)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEstimate, E> {
        NumVisitor.visit_str(v).map(RawEstimate::One)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEstimate, A::Error> {
        let (mut low, mut likely, mut high) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "low" => &mut low,
                "likely" => &mut likely,
                "high" => &mut high,
                // Left unread, so that it is reported with the file's other unknown keys.
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            *slot = Some(map.next_value()?);
        }
        Ok(RawEstimate::Three { low, likely, high })
    }
}

/// A retention curve as written: a list of counts, or text such as `from_data`.
#[derive(Clone, Debug, PartialEq)]
pub enum RawCurve {
    Counts(Vec<Sp<Num>>),
    Text(String),
}

impl<'de> Deserialize<'de> for RawCurve {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CurveVisitor)
    }
}

struct CurveVisitor;

impl<'de> Visitor<'de> for CurveVisitor {
    type Value = RawCurve;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of customer counts, or `from_data`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCurve, E> {
        Ok(RawCurve::Text(v.to_owned()))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawCurve, A::Error> {
        let mut counts = Vec::new();
        while let Some(n) = seq.next_element()? {
            counts.push(n);
        }
        Ok(RawCurve::Counts(counts))
    }
}

impl JsonSchema for RawCurve {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "RetentionCurve".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "array", "items": { "type": ["number", "string"] }, "minItems": 2 },
                { "const": "from_data" }
            ]
        })
    }
}
