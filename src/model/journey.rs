//! The customer journey, win/loss, jobs-to-be-done and workshop notes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::driver::Driver;
use super::project::Segment;
use super::reference::{Listed, Ref};
use super::units::{FivePoint, Money, Quantity, Rate, TenPoint};

/// The journey map: phases in order and the touchpoints in them.
#[derive(Clone, Debug)]
pub struct Journey {
    /// Ids unique.
    pub phases: Vec<Phase>,
    /// Ids unique; every `phase` names a phase above.
    pub touchpoints: Vec<Touchpoint>,
    /// The markets scored separately, in the order written; every touchpoint's `by_market`
    /// key is one of them.
    pub markets: Vec<String>,
    /// Ids unique; every touchpoint, segment and lever they name exists, and the shares of
    /// one segment's lever add up to at most 1.
    pub initiatives: Vec<Initiative>,
}

impl Journey {
    /// The journey as `market` scores it: each touchpoint with that market's overrides.
    #[must_use]
    pub fn in_market(&self, market: &str) -> Journey {
        let touchpoints = self
            .touchpoints
            .iter()
            .map(|t| {
                let s = t.scores_in(market);
                Touchpoint {
                    id: t.id.clone(),
                    phase: t.phase.clone(),
                    channel: t.channel.clone(),
                    name: t.name.clone(),
                    importance: s.importance,
                    performance: s.performance,
                    present: s.present,
                    hours_per_year: s.hours_per_year,
                    budget_per_year: s.budget_per_year,
                    by_market: BTreeMap::new(),
                }
            })
            .collect();
        Journey { touchpoints, markets: Vec::new(), ..self.clone() }
    }
}

impl Touchpoint {
    /// Its own scores and effort, the central workshop's.
    pub fn own_scores(&self) -> MarketScores {
        MarketScores {
            importance: self.importance,
            performance: self.performance,
            present: self.present,
            hours_per_year: self.hours_per_year,
            budget_per_year: self.budget_per_year,
        }
    }

    /// Its scores and effort in `market`: the market's own where it scores the touchpoint,
    /// the touchpoint's otherwise.
    pub fn scores_in(&self, market: &str) -> MarketScores {
        self.by_market.get(market).copied().unwrap_or_else(|| self.own_scores())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub goal: String,
    pub customer_needs: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Touchpoint {
    pub id: String,
    pub phase: Ref<Phase>,
    pub channel: String,
    pub name: String,
    pub importance: FivePoint,
    pub performance: FivePoint,
    pub present: bool,
    pub hours_per_year: Quantity,
    pub budget_per_year: Money,
    /// The scores and effort of each market that scores it differently, every field filled
    /// (from the touchpoint's own where the market left it out).
    #[serde(skip)]
    pub by_market: BTreeMap<String, MarketScores>,
}

/// A touchpoint as one market scores it.
#[derive(Clone, Copy, Debug)]
pub struct MarketScores {
    pub importance: FivePoint,
    pub performance: FivePoint,
    pub present: bool,
    pub hours_per_year: Quantity,
    pub budget_per_year: Money,
}

/// What an initiative does to its touchpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeAction {
    Add,
    Improve,
    Reduce,
    Stop,
}

impl InitiativeAction {
    pub const ALL: [InitiativeAction; 4] =
        [InitiativeAction::Add, InitiativeAction::Improve, InitiativeAction::Reduce, InitiativeAction::Stop];

    /// The word in journey.yaml.
    pub fn key(self) -> &'static str {
        match self {
            InitiativeAction::Add => "add",
            InitiativeAction::Improve => "improve",
            InitiativeAction::Reduce => "reduce",
            InitiativeAction::Stop => "stop",
        }
    }

    /// Reducing or stopping frees resources; adding and improving takes them.
    pub fn frees(self) -> bool {
        matches!(self, InitiativeAction::Reduce | InitiativeAction::Stop)
    }
}

/// Something the company will do about touchpoints: what it costs and which levers it moves.
#[derive(Clone, Debug)]
pub struct Initiative {
    pub id: String,
    pub name: String,
    pub action: InitiativeAction,
    /// At least one, each once.
    pub touchpoints: Vec<Ref<Touchpoint>>,
    pub one_off: Money,
    /// Money a year besides the hours; negative when money is freed.
    pub annual: f64,
    /// Staff hours a year; negative when hours are freed.
    pub hours_per_year: f64,
    pub delivers: Vec<Delivery>,
}

/// The share of one segment's lever effect an initiative delivers.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub segment: Ref<Segment>,
    pub lever: Driver,
    pub share: Rate,
}

/// Win/loss counts per segment; segments exist and appear once.
#[derive(Clone, Debug)]
pub struct WinLoss {
    pub segments: Vec<WinLossSegment>,
}

#[derive(Clone, Debug)]
pub struct WinLossSegment {
    pub segment: Ref<Segment>,
    /// As written, or the sum of the periods.
    pub counts: WinLossCounts,
    /// Oldest first, each once, all of one kind (also across segments); empty for a snapshot.
    pub periods: Vec<(Period, WinLossCounts)>,
}

/// Won and lost customers, the reasons they gave and the upsell, of a segment or a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WinLossCounts {
    pub won: u64,
    pub lost: u64,
    /// Sorted by reason; each count at most `won` (`lost`).
    pub reasons_won: Vec<(String, u64)>,
    pub reasons_lost: Vec<(String, u64)>,
    /// `(customers, upsold)` with `upsold ≤ customers`.
    pub upsell: Option<(u64, u64)>,
}

impl WinLossCounts {
    /// The counts of several periods together: won, lost, each reason and the upsell summed.
    pub fn total<'a>(periods: impl IntoIterator<Item = &'a WinLossCounts>) -> WinLossCounts {
        let mut won = BTreeMap::new();
        let mut lost = BTreeMap::new();
        let mut sum = WinLossCounts::default();
        for p in periods {
            sum.won += p.won;
            sum.lost += p.lost;
            for (into, from) in [(&mut won, &p.reasons_won), (&mut lost, &p.reasons_lost)] {
                for (reason, n) in from {
                    *into.entry(reason.clone()).or_insert(0) += n;
                }
            }
            sum.upsell = match (sum.upsell, p.upsell) {
                (Some((c, u)), Some((pc, pu))) => Some((c + pc, u + pu)),
                (a, b) => a.or(b),
            };
        }
        sum.reasons_won = won.into_iter().collect();
        sum.reasons_lost = lost.into_iter().collect();
        sum
    }
}

/// A period win/loss is counted over: a year, a quarter or a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

impl Period {
    /// Whether two periods are of the same kind (both quarters, …).
    pub fn same_kind(self, other: Period) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

/// As winloss.yaml writes them: `2026`, `2026-Q3` (also for `2026-q3`), `2026-09`.
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

/// A job to be done.
#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub id: String,
    pub statement: String,
    pub segment: Option<Ref<Segment>>,
    pub importance: TenPoint,
    pub satisfaction: TenPoint,
}

/// A workshop note: front matter plus the Markdown body.
#[derive(Clone, Debug)]
pub struct Workshop {
    /// Relative to the project folder.
    pub file: PathBuf,
    pub title: String,
    pub date: NaiveDate,
    pub market: String,
    pub participants: Vec<String>,
    /// The journey phases it worked on.
    pub phases: Vec<Ref<Phase>>,
    pub body: String,
}

impl Listed for Phase {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Touchpoint {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Initiative {
    fn id(&self) -> &str {
        &self.id
    }
}
