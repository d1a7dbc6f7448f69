-- warehouse_summary.sql: uplift's per-customer summary, computed inside the data warehouse.
--
-- Input:  transactions(customer_id, segment, purchase_date DATE, amount[, category])
--         one row per purchase; amount is net (negative = a return). Use an exact type
--         for amount (DECIMAL/NUMERIC) so that day totals are exact.
-- Output: one row per customer with at least one purchase day, sorted by customer id:
--         customer, segment, frequency, recency, T, monetary_value, first_purchase, last_purchase,
--         longest_gap, days_to_purchase_2, days_to_purchase_4, days_to_purchase_8,
--         revenue_in_365_days[, days_to_3_categories]
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
--   The loyalty path's columns, for project.yaml's default `loyalty_path` (purchase days
--   2, 4 and 8 within a 365-day window; 3 categories). Other settings change the numbers
--   in `params` AND the output names below (uplift reads the settings from the names and
--   refuses a summary whose settings differ from the project's):
--   longest_gap         = the longest gap between two consecutive purchase days; 0 with one
--   days_to_purchase_k  = days from the first purchase day to the k-th, when fewer than
--                         window_days; empty otherwise
--   revenue_in_365_days = sum of day_total over the days from the first purchase day to
--                         window_days - 1 days after it (return-only days included)
--   days_to_3_categories (with a category column: delete `--cat ` on the lines marked
--                         with it) = days from the first purchase day to the day the 3rd
--                         category was first bought in the window (a row above zero); empty
--                         when fewer were. Every row above zero needs a category (uplift
--                         refuses one without); a return may have none. At most 32
--                         distinct categories, as in uplift: use a coarse grouping.
--
-- Dialect: this text runs on DuckDB and PostgreSQL. Every difference of two days is taken
-- between day numbers, written `(x - DATE '1970-01-01')`, so that a dialect differs in
-- that one expression, in quoting and in type names only:
--   python3 scripts/warehouse_sql.py --dialect spark|bigquery|snowflake|postgresql
-- prints this query for the other engines (docs/warehouse.md, "Dialects").
--
-- Set the observation end in `params` below. uplift's default is the last date in the
-- log: replace the literal by (SELECT MAX(purchase_date) FROM transactions).
-- scripts/warehouse_sql.py --end and scripts/check_warehouse.py set the marked literal.

WITH params AS (
    SELECT DATE '2026-10-31' AS observation_end, -- observation end E
           2 AS repeat_purchase,                 -- loyalty_path.purchases[1]
           4 AS regular_purchase,                -- loyalty_path.purchases[2]
           8 AS loyal_purchase,                  -- loyalty_path.purchases[3]
           365 AS window_days,                   -- loyalty_path.window_days
           3 AS categories                       -- loyalty_path.categories
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
purchase_days AS (                               -- customers with at least one purchase day
    SELECT customer_id,
           MIN(day)        AS first_purchase,
           MAX(day)        AS last_purchase,
           MIN(day_number) AS first_day,
           MAX(day_number) AS last_day,
           COUNT(*)        AS n_days
    FROM day_totals
    WHERE day_total >= 0
    GROUP BY customer_id
),
later_totals AS (                                -- net spend after the first purchase day
    SELECT d.customer_id,
           SUM(d.day_total) AS later_total
    FROM day_totals d
    JOIN purchase_days f ON f.customer_id = d.customer_id
    WHERE d.day_number > f.first_day
    GROUP BY d.customer_id
),
numbered AS (                                   -- purchase days, numbered, with the gap before each
    SELECT d.customer_id,
           d.day_number,
           ROW_NUMBER() OVER (PARTITION BY d.customer_id ORDER BY d.day_number) AS nth,
           d.day_number - LAG(d.day_number) OVER (PARTITION BY d.customer_id ORDER BY d.day_number) AS gap
    FROM day_totals d
    WHERE d.day_total >= 0
),
path AS (                                        -- the loyalty path's steps
    SELECT n.customer_id,
           COALESCE(MAX(n.gap), 0) AS longest_gap,
           MIN(CASE WHEN n.nth = p.repeat_purchase AND n.day_number - f.first_day < p.window_days
                    THEN n.day_number - f.first_day END) AS days_to_purchase_2,
           MIN(CASE WHEN n.nth = p.regular_purchase AND n.day_number - f.first_day < p.window_days
                    THEN n.day_number - f.first_day END) AS days_to_purchase_4,
           MIN(CASE WHEN n.nth = p.loyal_purchase AND n.day_number - f.first_day < p.window_days
                    THEN n.day_number - f.first_day END) AS days_to_purchase_8
    FROM numbered n
    JOIN purchase_days f ON f.customer_id = n.customer_id
    CROSS JOIN params p
    GROUP BY n.customer_id
),
window_totals AS (                               -- net amount in the window
    SELECT d.customer_id,
           SUM(d.day_total) AS window_revenue
    FROM day_totals d
    JOIN purchase_days f ON f.customer_id = d.customer_id
    CROSS JOIN params p
    WHERE d.day_number >= f.first_day AND d.day_number - f.first_day < p.window_days
    GROUP BY d.customer_id
),
--cat category_firsts AS (                       -- each category's first day bought in the window
--cat     SELECT t.customer_id,
--cat            t.category,
--cat            MIN(t.purchase_date) AS day
--cat     FROM transactions t
--cat     JOIN purchase_days f ON f.customer_id = t.customer_id
--cat     CROSS JOIN params p
--cat     WHERE t.amount > 0 AND t.category IS NOT NULL AND t.category <> ''
--cat       AND t.purchase_date >= f.first_purchase AND t.purchase_date <= p.observation_end
--cat       AND (t.purchase_date - DATE '1970-01-01') - f.first_day < p.window_days
--cat     GROUP BY t.customer_id, t.category
--cat ),
--cat categories_reached AS (                    -- the day the `categories`-th was first bought
--cat     SELECT c.customer_id,
--cat            MIN(CASE WHEN c.k = p.categories THEN (c.day - DATE '1970-01-01') END) AS day_number
--cat     FROM (SELECT customer_id, day,
--cat                  ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY day) AS k
--cat           FROM category_firsts) c
--cat     CROSS JOIN params p
--cat     GROUP BY c.customer_id
--cat ),
customer_segments AS (                           -- one segment per customer
    SELECT t.customer_id,
           MIN(t.segment) AS segment
    FROM transactions t
    CROSS JOIN params p
    WHERE t.purchase_date <= p.observation_end
    GROUP BY t.customer_id
)
SELECT f.customer_id                                            AS "customer",
       s.segment                                                AS "segment",
       f.n_days - 1                                             AS "frequency",
       f.last_day - f.first_day                                 AS "recency",
       (p.observation_end - DATE '1970-01-01') - f.first_day    AS "T",
       CAST(CASE WHEN f.n_days > 1
                 THEN CAST(COALESCE(l.later_total, 0) AS DOUBLE PRECISION) / (f.n_days - 1)
                 ELSE 0
            END AS DECIMAL(18, 6))                              AS "monetary_value",
       f.first_purchase                                         AS "first_purchase",
       f.last_purchase                                          AS "last_purchase",
       g.longest_gap                                            AS "longest_gap",
       g.days_to_purchase_2                                     AS "days_to_purchase_2",
       g.days_to_purchase_4                                     AS "days_to_purchase_4",
       g.days_to_purchase_8                                     AS "days_to_purchase_8",
       CAST(w.window_revenue AS DECIMAL(18, 6))                 AS "revenue_in_365_days"
--cat  , c.day_number - f.first_day                             AS "days_to_3_categories"
FROM purchase_days f
CROSS JOIN params p
JOIN customer_segments s ON s.customer_id = f.customer_id
JOIN path g ON g.customer_id = f.customer_id
JOIN window_totals w ON w.customer_id = f.customer_id
LEFT JOIN later_totals l ON l.customer_id = f.customer_id
--cat LEFT JOIN categories_reached c ON c.customer_id = f.customer_id
ORDER BY f.customer_id;
