//! The data as read, in the exact form `build/.cache` keeps it (`crate::memo`): reading an
//! unchanged export again is then a lookup. Each struct lists all its fields; one left out
//! does not compile.

use super::data::{
    Calibration, CalibrationCustomer, Cohort, Coverage, CustomerSummary, DataSet, LineCounts, LoyaltyCounts,
    ModelChoice, PathFields, SegmentData, SkippedRows, Survival,
};

crate::codec_struct!(DataSet { coverage, customers, segments, model, calibration });
crate::codec_struct!(Coverage {
    files,
    rows,
    lines,
    customers,
    customers_returns_only,
    first_date,
    observation_end,
    skipped,
    from_summary
});
crate::codec_struct!(LineCounts { header, body, blank, continuation });
crate::codec_struct!(SkippedRows { reason, rows });
crate::codec_struct!(CustomerSummary {
    id,
    segment,
    frequency,
    recency,
    age,
    monetary,
    first_purchase,
    last_purchase,
    path
});
crate::codec_struct!(PathFields { longest_gap, stage_days, categories_day, window_revenue });
crate::codec_struct!(SegmentData {
    customers,
    active_customers,
    purchases_per_year,
    average_order_value,
    gross_margin,
    retention_rate,
    retention_base,
    retained,
    cohorts,
    top_share,
    survival,
    loyalty
});
crate::codec_struct!(LoyaltyCounts {
    eligible,
    before_data,
    window_not_observed,
    days_to_stage,
    window_revenue_by_furthest,
    lapsed,
    returned
});
crate::codec_struct!(Cohort { year, customers, active, last_year_partial });
crate::codec_struct!(Survival { lost, alive });
crate::codec_enum!(ModelChoice { 0 => Auto, 1 => BgNbd, 2 => ParetoNbd, 3 => MbgNbd });
crate::codec_struct!(Calibration {
    end,
    holdout_days,
    customers,
    first_purchase_in_holdout,
    weekly_purchases
});
crate::codec_struct!(CalibrationCustomer { id, segment, frequency, recency, age, holdout_frequency });
