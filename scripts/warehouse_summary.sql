-- warehouse_summary.sql: uplift's per-customer summary, computed inside the data warehouse.
--
-- Input:  transactions(customer_id, segment, purchase_date DATE, amount)
--         one row per purchase; amount is net (negative = a return). Use an exact type
--         for amount (DECIMAL/NUMERIC) so that day totals are exact.
-- Output: one row per customer with at least one purchase day, sorted by customer id:
--         customer, segment, frequency, recency, T, monetary_value, first_purchase, last_purchase
--         (the header and format of uplift's data/customers_summary.csv).
--
-- Definitions (time unit: days; E = observation end):
--   day_total      = sum of a customer's amounts on one day (returns net on the day they happen)
--   purchase day   = a day with day_total >= 0 (a zero-value order is an order);
--                    customers without one (returns only) are left out
--   frequency      = purchase days - 1
--   recency        = last purchase day - first purchase day
--   T              = E - first purchase day
--   monetary_value = (sum of day_total over all days after the first purchase day,
--                    return-only days included) / frequency; 0 when frequency = 0
--   Rows dated after E are left out (uplift reports them as bad rows; with
--   on_bad_rows: skip it leaves them out too).
--
-- Dialect: runs as written on DuckDB and PostgreSQL (DATE - DATE = whole days).
-- BigQuery and Snowflake need other date differences and identifier quoting; see
-- docs/warehouse.md, which has each dialect's variant.
--
-- Set the observation end in `params` below. uplift's default is the last date in the
-- log: replace the literal by (SELECT MAX(purchase_date) FROM transactions).
-- scripts/check_warehouse.py rewrites the literal on the marked line.

WITH params AS (
    SELECT DATE '2026-10-31' AS observation_end  -- observation end E
),
day_totals AS (                                  -- one row per customer and day
    SELECT t.customer_id,
           t.purchase_date AS day,
           SUM(t.amount)   AS day_total
    FROM transactions t
    CROSS JOIN params p
    WHERE t.purchase_date <= p.observation_end
    GROUP BY t.customer_id, t.purchase_date
),
purchase_days AS (                               -- customers with at least one purchase day
    SELECT customer_id,
           MIN(day) AS first_purchase,
           MAX(day) AS last_purchase,
           COUNT(*) AS n_days
    FROM day_totals
    WHERE day_total >= 0
    GROUP BY customer_id
),
later_totals AS (                                -- net spend after the first purchase day
    SELECT d.customer_id,
           SUM(d.day_total) AS later_total
    FROM day_totals d
    JOIN purchase_days f ON f.customer_id = d.customer_id
    WHERE d.day > f.first_purchase
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
SELECT f.customer_id                              AS "customer",
       s.segment                                  AS "segment",
       f.n_days - 1                               AS "frequency",
       f.last_purchase - f.first_purchase         AS "recency",
       p.observation_end - f.first_purchase       AS "T",
       CAST(CASE WHEN f.n_days > 1
                 THEN CAST(COALESCE(l.later_total, 0) AS DOUBLE PRECISION) / (f.n_days - 1)
                 ELSE 0
            END AS DECIMAL(18, 6))                AS "monetary_value",
       f.first_purchase                           AS "first_purchase",
       f.last_purchase                            AS "last_purchase"
FROM purchase_days f
CROSS JOIN params p
JOIN customer_segments s ON s.customer_id = f.customer_id
LEFT JOIN later_totals l ON l.customer_id = f.customer_id
-- byte order of the ids: PostgreSQL needs ORDER BY f.customer_id COLLATE "C"
ORDER BY f.customer_id;
