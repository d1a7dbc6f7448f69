-- warehouse_holdout.sql: uplift's holdout summary (`uplift summarise --holdout`), computed
-- inside the data warehouse, for validating the purchase models on a holdout period.
--
-- Input:  transactions(customer_id, segment, purchase_date DATE, amount), as for
--         warehouse_summary.sql.
-- Output: one row per customer whose first purchase day is on or before the calibration
--         end C, sorted by customer id:
--         customer, segment, frequency, recency, T, holdout_frequency, holdout_days
--         (the header and format `uplift fit` recognises as a holdout summary).
--
-- Definitions (time unit: days; C = calibration end, E = observation end, C < E):
--   day_total, purchase day: as in warehouse_summary.sql, from the rows up to E
--   frequency, recency  = as in warehouse_summary.sql, from the purchase days up to C
--   T                   = C - first purchase day
--   holdout_frequency   = the purchase days after C, up to E
--   holdout_days        = E - C, the holdout's length (the same on every row)
--   Customers whose first purchase day falls after C are left out (uplift counts them as
--   `first_purchase_in_holdout`).
--
-- Dialect: as warehouse_summary.sql; scripts/warehouse_sql.py --holdout prints it for
-- Spark SQL, BigQuery, Snowflake and PostgreSQL. Set both dates in `params` below
-- (project.yaml's `data: calibration_end` and `observation_end`).

WITH params AS (
    SELECT DATE '2026-01-31' AS calibration_end, -- calibration end C
           DATE '2026-10-31' AS observation_end  -- observation end E
),
day_totals AS (                                  -- one row per customer and day
    SELECT t.customer_id,
           t.purchase_date                       AS day,
           (t.purchase_date - DATE '1970-01-01') AS day_number,
           SUM(t.amount)                         AS day_total
    FROM transactions t
    CROSS JOIN params p
    WHERE t.purchase_date <= p.observation_end
    GROUP BY t.customer_id, t.purchase_date
),
calibration AS (                                 -- purchase days up to C
    SELECT d.customer_id,
           MIN(d.day_number) AS first_day,
           MAX(d.day_number) AS last_day,
           COUNT(*)          AS n_days
    FROM day_totals d
    CROSS JOIN params p
    WHERE d.day_total >= 0 AND d.day <= p.calibration_end
    GROUP BY d.customer_id
),
holdout AS (                                     -- purchase days after C
    SELECT d.customer_id,
           COUNT(*) AS n_days
    FROM day_totals d
    CROSS JOIN params p
    WHERE d.day_total >= 0 AND d.day > p.calibration_end
    GROUP BY d.customer_id
),
customer_segments AS (                           -- one segment per customer
    SELECT t.customer_id,
           MIN(t.segment) AS segment
    FROM transactions t
    CROSS JOIN params p
    WHERE t.purchase_date <= p.observation_end
    GROUP BY t.customer_id
)
SELECT c.customer_id                                                      AS "customer",
       s.segment                                                          AS "segment",
       c.n_days - 1                                                       AS "frequency",
       c.last_day - c.first_day                                           AS "recency",
       (p.calibration_end - DATE '1970-01-01') - c.first_day              AS "T",
       COALESCE(h.n_days, 0)                                              AS "holdout_frequency",
       (p.observation_end - DATE '1970-01-01')
           - (p.calibration_end - DATE '1970-01-01')                      AS "holdout_days"
FROM calibration c
CROSS JOIN params p
JOIN customer_segments s ON s.customer_id = c.customer_id
LEFT JOIN holdout h ON h.customer_id = c.customer_id
ORDER BY c.customer_id;
