# English catalogue of the uplift report. Every other catalogue has exactly these ids.

## Formats (CLDR conventions around numbers formatted by ICU4X)
fmt-money = { $symbol } { $amount }
fmt-money-millions = { $symbol } { $amount }m
fmt-money-thousands = { $symbol } { $amount }k
fmt-percent = { $value }%
fmt-points = { $value } pts
fmt-above = >{ $value }
fmt-below = <{ $value }
fmt-date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
not-available = n/a

## Cover and contents
cover-date = Date
cover-prepared-by = Prepared by
cover-currency = Currency
cover-currency-value = { $currency }, present values over { $years } years
cover-version = Version
version-clean = { $commit }, { $date }
version-dirty = { $commit }, { $date } (draft)
cover-logo = { $client } logo
contents = Contents
page-footer = { $client } · { $title }

## Section titles
section-summary = Executive summary
section-business-case = Business case
section-economics = Segment economics
section-uplift = Value uplift
section-journey = Customer journey and gap analysis
section-winloss-jobs = Win/loss and jobs to be done
section-winloss = Win/loss
section-jobs = Jobs to be done
section-appendix = Appendix

## Executive summary
headline-main = Raising the value of an average customer relationship by { $uplift } in { $segments ->
    [one] the focus segment
   *[other] the { $segments } focus segments
  } gives the programme a net present value of { $npv } over { $years ->
    [one] { $years } year
   *[other] { $years } years
  }
headline-roi = ROI { $roi }
headline-payback = paid back in year { $year }
headline-no-payback = no payback within the horizon
headline-nothing-invested = nothing invested, so nothing to pay back
headline-chance = { $chance } chance of reaching the { $target } target
card-uplift = Uplift per customer relationship
card-uplift-note = focus segments, likely; low { $low } – high { $high }
card-npv = Net present value
card-npv-note = after investment of { $pv } (present value)
card-roi = Return on investment
card-roi-note = NPV ÷ present value of investment
card-payback = Payback
card-payback-value = year { $year }
card-payback-never = not reached
card-payback-nothing = no investment
card-payback-note = first year whose cumulative discounted net is ≥ 0; money counted at each year’s end
card-chance = Chance of reaching target
card-chance-note = { $draws } simulated outcomes, lever correlation ρ = { $rho } (independent levers: { $independent }; in lockstep: { $lockstep })
card-chance-note-plain = { $draws } simulated outcomes
summary-problems = The biggest problem areas
summary-problem-item = { $value } at stake ({ $driver } { $current } against { $benchmark })
summary-gaps = The largest touchpoint gaps
summary-gap-item = importance { $importance }, performance { $performance }
summary-next = What to do next
next-validate = Validate the root causes of { $problem } in { $segment } before spending: { $value } of customer value is at stake.
next-add = Add what customers value and we do not offer today: { $names }.
next-invest = Invest where importance is high and delivery weak: { $names }.
next-reduce = Free resources from touchpoints that take more effort than they give customers: { $names }.

## Business case
bc-challenge = Challenge and opportunity
bc-approach = Approach
bc-expected-value = Expected value
bc-investment = Investment
th-item = Item
th-serves = Serves
th-one-off = One-off
th-annual = Annual
th-present-value = Present value
investment-programme-wide = Programme-wide
investment-total = Total
bc-risks = Risks
risk-matrix-caption = Likelihood × impact; numbers refer to the risk list
risk-matrix-corner = Impact ↓ / likelihood →
th-risk-score = L × I
th-risk = Risk
th-mitigation = Mitigation

## Segment economics
th-segment = Segment
th-customers = Customers
th-purchases = Purchases / year
th-order-value = Order value
th-margin = Margin
th-retention = Retention
th-clv = CLV
th-cac = CAC
tag-focus = focus
economics-problems = Problem areas, ranked by value at stake
problems-at-benchmark = { $count ->
    [one] One segment figure meets or beats its benchmark: no value at stake, so it is not listed.
   *[other] { $count } segment figures meet or beat their benchmark: no value at stake, so they are not listed.
}
th-problem = Problem area
th-today = Today
th-benchmark = Benchmark
th-value-at-stake = Value at stake
benchmark-source-segment = segment
benchmark-source-project = project
not-scored = Not scored, for want of a benchmark: { $list }.
economics-krone = What does a krone do?
th-annual-margin = Annual margin per customer
th-value-per-acquisition = CLV per acquisition krone
th-value-per-loyalty = Value uplift per loyalty krone

## Value uplift
th-clv-today = CLV today
th-low = Low
th-likely = Likely
th-high = High
th-uplift-scenarios = Uplift (low / likely / high)
th-value-uplift-likely = Value uplift, likely
bridge-note = Levers interact, so the bridge applies them in a fixed order (retention, purchase frequency, order value, margin); the steps add up exactly to the total.
simulation-note = { $draws } simulated outcomes: NPV P10 { $p10 }, P50 { $p50 }, P90 { $p90 }; programme uplift P10 { $uplift_p10 } to P90 { $uplift_p90 }; { $probability } of outcomes reach the { $target } target.
simulation-rho = { $rho_value ->
    [0] The levers are drawn independently of each other (ρ = 0).
    [1] The levers are drawn in lockstep (ρ = 1): every lever at the same percentile in each draw.
   *[other] The levers are drawn moving together at ρ = { $rho }: a programme that is late is late for every lever.
  }
simulation-sensitivity = The same outcomes with independent levers (ρ = 0): NPV P10 { $p10_independent } to P90 { $p90_independent }, { $probability_independent } reach the target; with levers in lockstep (ρ = 1): NPV P10 { $p10_lockstep } to P90 { $p90_lockstep }, { $probability_lockstep } reach the target.

## Journey
journey-goal = Our goal
journey-needs = Customer needs
journey-notes = Workshop notes
journey-gaps = Touchpoint gaps, ranked
journey-gaps-more = The { $count } touchpoints of lower priority are listed in the full edition.
th-touchpoint = Touchpoint
th-phase = Phase
th-importance = Importance
th-performance = Performance
th-priority = Priority
th-cost = Cost / year
th-resources-importance = Resources / importance
th-quadrant = Quadrant
th-action = Action
touchpoint-scores = I { $importance } · P { $performance }

## Win/loss and jobs
winloss-title = Win/loss by segment
th-won = Won
th-lost = Lost
th-win-rate = Win rate
th-win-loss-ratio = Win/loss ratio
th-upsell-ratio = Upsell ratio
th-top-won = Top reason won
th-top-lost = Top reason lost
jobs-title = Jobs to be done
th-job = Job
th-satisfaction = Satisfaction
th-opportunity = Opportunity
th-assessment = Assessment
jobs-all-segments = All

## Appendix
appendix-workshops = Workshops
th-workshop = Workshop
th-date = Date
th-market = Market
th-participants = Participants
th-journey-phases = Journey phases
appendix-derivations = How each headline figure was reached
th-input = Input
th-value = Value
th-source = Source
derived-below = derived below
appendix-methodology = Methodology
th-figure = Figure
th-formula = Formula
th-in-words = In words
appendix-assumptions = Every input assumption
th-file = File
th-field = Field
appendix-model-parameters = Fitted model parameters
appendix-model-parameters-note = Parameters as named in the papers (BG/NBD and Gamma-Gamma: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein, Morrison & Colombo 1987; MBG/NBD: Batislam, Denizel & Filiztekin 2007; sBG: Fader & Hardie 2007), with time in days for the purchase models and in renewals for sBG. In brackets: each parameter's standard error, from the curvature of the likelihood at the estimate (the sBG fit reports none).
appendix-doubts = Figures to question before presenting
appendix-doubts-note = Valid input, but results a reviewer will ask about: give the reason, or revisit the input.
doubt-retention = retention in { $segment } reaches { $retention } in the high scenario: almost no customer would ever leave
doubt-uplift = the likely uplift of { $segment } is { $uplift }: its customers would become more than twice as valuable
doubt-stake = { $problem } in { $segment } puts { $stake } at stake, more than the segment's whole customer value today ({ $value }): is the benchmark comparable?
doubt-benchmark = the { $driver } benchmark of { $segment } ({ $benchmark }) is more than 50 % away from its own figure ({ $current }): is it the same kind of customer?
doubt-npv = the likely NPV ({ $npv }) is { $times } times the investment ({ $investment }): is every cost of the programme counted?
doubt-probability = the chance of reaching the target is { $probability }: the target is either foregone or out of reach
appendix-sources = Sources
th-bytes = Bytes

## Drivers, problem areas, quadrants, actions, job labels
lever-retention_rate = Retention
lever-purchases_per_year = Purchase frequency
lever-average_order_value = Order value
lever-gross_margin = Gross margin
problem-retention_rate = Short customer relationships
problem-purchases_per_year = Few purchases
problem-average_order_value = Small purchases
problem-gross_margin = Poor margins
problem-product_integration = Low product integration
quadrant-concentrate_here = Concentrate here
quadrant-keep_up_the_good_work = Keep up the good work
quadrant-low_priority = Low priority
quadrant-possible_overkill = Possible overkill
action-invest = Invest
action-keep = Keep
action-reduce = Reduce
action-add = Add
job-extremely_under_served = Extremely under-served
job-under_served = Under-served
job-over_served = Over-served
job-served = Served

## Charts
chart-timeline = Programme timeline
chart-clv = Customer lifetime value per segment, today and by scenario
chart-clv-axis = CLV per customer ({ $currency })
chart-today = Today
chart-bridge = Value bridge: average focus-segment customer value, today to likely
chart-bridge-axis = CLV per customer ({ $currency }); axis starts at { $floor }
chart-projected = Projected
chart-payback = Cumulative discounted value against investment (likely scenario)
chart-payback-x = Years from programme start
chart-payback-y = Cumulative, discounted ({ $currency })
chart-value-uplift = Value uplift
chart-investment = Investment
chart-payback-point = Paid back: end of year { $year }
th-year = Year
th-cf-investment = Investment
th-cf-value = Value uplift
th-cf-net = Net
th-cf-discounted = Discounted net
th-cf-cumulative = Cumulative, discounted
cash-flows-note = Likely scenario. Year 0 is the one-off investment; margins and running costs are booked at the end of each year, as in the CLV. The discounted nets add up to the NPV; the highlighted year is the first whose cumulative discounted net is at least zero, the payback.
chart-npv = Programme NPV across simulated outcomes
chart-npv-x = Programme NPV ({ $currency })
chart-npv-y = Share of draws
chart-npv-target = { $chance } of outcomes reach the { $target } uplift target
chart-tornado = What moves NPV most: each lever from low to high, others at likely
chart-acquisition = Value per krone: acquisition against loyalty
chart-acquisition-axis = Customer value per { $currency } spent
chart-acquisition-series = Acquisition: CLV ÷ CAC
chart-loyalty-series = Loyalty: value uplift ÷ investment
chart-ipa = Importance against performance, by touchpoint
chart-ipa-x = Performance: how well we deliver today (1–5)
chart-ipa-y = Importance to the customer (1–5)
chart-not-present = not present today
chart-resources = Share of resources against share of importance
chart-resources-x = Share of all touchpoints
chart-resources-series = Share of resources (budget + hours)
chart-importance-series = Share of importance to customers
chart-pareto = Why we lose customers: reasons over all segments
chart-pareto-other = { $count } other reasons
chart-pareto-y = Lost deals naming the reason
chart-jobs = Opportunity landscape: jobs to be done
chart-jobs-x = Satisfaction with today's solutions (0–10)
chart-jobs-y = Importance of the job (0–10)
chart-under-served = under-served

## Chart descriptions (for screen readers and captions)
desc-timeline-item = { $activity }: { $start } to { $end }
desc-clv-item = { $segment }: today { $today }, likely { $likely }
desc-bridge = Today { $start }, { $steps }, projected { $end }.
desc-payback = After { $years } years: value uplift { $value }, investment { $investment }.
desc-payback-never = The programme does not pay back within the horizon.
desc-npv = { $draws } draws. P10 { $p10 }, P50 { $p50 }, P90 { $p90 }.
desc-tornado-item = { $lever } from { $low } to { $high }
desc-acquisition-item = { $segment }: acquisition { $acquisition }, loyalty { $loyalty }
desc-ipa = { $count } touchpoints. Cross-hairs at mean importance { $importance } and mean performance { $performance }. Numbers refer to the ranked gap list.
desc-resources-item = { $touchpoint }: { $resources } of resources, { $importance } of importance
desc-jobs = { $count } jobs; numbers refer to the ranked list. Shaded: under-served (opportunity ≥ 10), darker: extremely under-served (≥ 15).

## Chart captions: what the chart shows and the one thing to take from it
cap-timeline = The programme runs from { $start } to { $end }; each bar is one activity.
cap-acquisition = In { $count } of { $total } segments, money spent on keeping customers returns more than money spent on winning new ones.
cap-clv = The largest gain per customer is in { $segment }: { $uplift } in the likely scenario.
cap-bridge = { $lever } carries the largest part of the uplift per customer: { $share } of it.
cap-bridge-none = The levers add no value per customer in the focus segments.
cap-payback = In the likely scenario the programme pays back by the end of year { $year }.
cap-payback-never = In the likely scenario the programme does not pay back within { $years } years.
cap-npv = In nine of ten simulated outcomes the net present value is above { $p10 }; { $chance } of them reach the { $target } uplift target.
cap-tornado = The net present value depends most on { $lever } in { $segment }: from { $low } to { $high } between its low and high estimate.
cap-ipa = { $count } of { $total } touchpoints { $count ->
    [one] falls
   *[other] fall
} in "Concentrate here": important to customers and delivered below the mean.
cap-resources = { $count } of { $total } touchpoints take a larger share of the resources than of the importance; { $touchpoint } the most.
cap-resources-none = No touchpoint takes a larger share of the resources than of the importance.
cap-pareto = { $count } of { $total } reasons explain { $share } of the lost deals: tackle these first.
cap-pareto-none = No lost deals are recorded.
cap-jobs = { $under } of { $count } jobs are under-served (opportunity 10 or more): room to win against today's solutions.
cap-cohorts = { $segment }: of the customers who first bought in { $year }, { $share } bought again the next calendar year.
desc-cohorts-item = { $year }: { $shares }
cap-p-alive = In { $segment }, { $share } of the customers have more likely left than not (P(alive) below 50%).
desc-p-alive-item = { $segment }: { $shares }
desc-p-alive-item-left-out = { $segment }: { $shares } (of the customers with a P(alive): { $customers ->
        [one] { $customers } more has none
       *[other] { $customers } more have none
    })
cap-tenure = In { $segment }, retention rises from { $first } at the first renewal to { $last } at renewal { $renewal }: the customers likely to leave go first.
desc-tenure-item = { $segment }: { $shares }

## Derivations
der-uplift = Uplift of an average customer relationship (likely)
der-uplift-formula = Σ focus N · CLV′ / Σ focus N · CLV − 1
der-clv-pair = CLV → CLV′, { $segment }
der-pv = Present value of the investment
der-pv-formula = PV = Σ one-off + Σ annual · Σ (1+d)^−t, t = 1..H
der-pv-item = { $once } once, { $annual } a year
der-npv = Net present value (likely)
der-npv-formula = NPV = Σ segments N · (CLV′ − CLV) − PV
der-value-uplift = Value uplift, { $segment }
der-pv-input = PV of investment
der-roi = Return on investment (likely)
der-payback = Payback (likely)
der-payback-formula = first year whose cumulative discounted net cash flow (value uplift − investment) is ≥ 0; cash flows fall at each year’s end, so there is no interpolation inside a year
der-payback-year = year { $year }: value { $value } / investment { $investment }
der-payback-result = end of year { $year }
der-payback-never = not within the horizon
der-chance = Chance of reaching the target
der-chance-formula = share of simulated outcomes with programme uplift ≥ target minimum
der-chance-substituted = { $reached } / { $draws } (seed { $seed })
der-target-min = target minimum
der-draws = draws
der-seed = seed
der-lever-correlation = lever correlation ρ
der-clv = Customer lifetime value, { $segment }
der-clv-formula = CLV = f · v · m × Σ (r / (1+d))^t, t = 1..H; with a ramp-up, CLV′ = Σ Mₜ · (r₁ · … · rₜ) / (1+d)^t, each year's drivers with the levers at that year's share
der-ramp-up = ramp-up
der-today = today
der-likely = likely
der-lever = Δ { $lever } (likely)
der-currency = currency

## Methodology
method-margin = Annual margin per customer
method-margin-words = Purchases per year times average order value times gross margin: what one customer earns us in a year.
method-clv = Customer lifetime value
method-clv-words = A customer still with us after t years (probability r^t) earns M that year; a krone then is worth (1+d)^−t today. Margin is counted at each year's end (Gupta & Lehmann).
method-projected = Projected value
method-projected-words = The programme's levers add points to retention and margin and per cent to purchase frequency and order value; CLV′ is the CLV with these drivers.
method-uplift = Programme uplift
method-uplift-words = How much more an average customer relationship in the focus segments is worth, weighted by the number of customers.
method-pv = Investment, present value
method-pv-words = One-off costs fall at the start, annual costs at each year's end, discounted like the margins.
method-npv = Net present value and ROI
method-npv-words = The value added in every segment less what the programme costs, both in today's money.
method-payback = Payback
method-payback-notation = first t with Σ (value uplift − investment)ₖ · (1+d)⁻ᵏ ≥ 0, summed over k = 0…t
method-payback-words = Margins and running costs fall at the end of each year, as in the CLV, so payback is read off the yearly cash flows: the end of the first year whose running total covers the investment.
method-problems = Problem areas
method-problems-notation = N · (CLV with the driver at benchmark − CLV)
method-problems-words = The value a segment leaves on the table on one driver, compared with its benchmark; zero when it already meets it. Drivers without a benchmark are not scored.
method-uncertainty = Uncertainty
method-uncertainty-notation = PERT(low, likely, high), drawn through a Gaussian copula with one programme factor (lever correlation ρ)
method-uncertainty-words = Each uncertain lever is drawn from a PERT distribution; P10, P50 and P90 are read from the simulated outcomes, and the chance of reaching the target is the share of outcomes that do.
method-gap = Touchpoint gap
method-gap-words = Importance–performance analysis (Martilla & James): cross-hairs at the mean scores; resources are budget plus hours at the hourly rate, compared as shares with importance.
method-winloss = Win/loss
method-winloss-notation = win rate = won / (won + lost); upsell ratio = upsold / customers
method-winloss-words = Why deals are won and lost, per segment, with reasons ranked by frequency.
method-jobs = Jobs to be done
method-jobs-words = Ulwick's opportunity score: 15 or more is extremely under-served, 10 or more under-served; satisfaction above importance is over-served.

## Assumptions
assumption-simulation = { $draws } draws, seed { $seed }, lever correlation ρ = { $rho }
ramp-up-none = no ramp-up assumed: every lever at full effect from year 1
ramp-up-shares = ramp-up: { $shares } of the full effect in year 1, 2, …
assumption-acquisition = { $customers ->
        [one] { $customers } new customer
       *[other] { $customers } new customers
    } for { $spend } a year
assumption-benchmark-used = used for { $segment }

## What changed since a revision
section-changes = What changed since { $revision }
changes-none = Nothing changed: the inputs and every figure are the same.
changes-inputs = Inputs
changes-figures = Figures
changes-rankings = Rankings
th-before = Before
th-after = After
th-change = Change
th-ranking = Ranking
th-entry = Entry
changes-added = added
changes-removed = removed
change-fig-programme_uplift = Programme uplift (likely)
change-fig-npv = Net present value (likely)
change-fig-roi = Return on investment (likely)
change-fig-payback_months = Payback in months (likely)
change-fig-probability_reaching_target = Chance of reaching the target
change-fig-segment_clv = Customer lifetime value, { $segment }
change-fig-integration_value_at_stake = Low product integration, at stake, { $segment }
change-fig-segment_uplift = Uplift, { $segment } (likely)
change-fig-option_npv = NPV, option { $segment }
change-ranking-problem_areas = Problem areas
change-ranking-touchpoint_gaps = Touchpoint gaps
change-ranking-jobs = Jobs to be done
change-field-lever = { $lever } lever ({ $scenario })
change-field-customers = Customers
change-field-focus = In focus (1 = yes)
change-field-importance = Importance
change-field-performance = Performance
change-field-hours_per_year = Hours a year
change-field-budget_per_year = Budget a year
change-field-present = In the journey today (1 = yes)
change-field-satisfaction = Satisfaction
change-field-share = Share of the { $lever } lever in { $segment }
change-field-market = { $market }: { $field }
change-field-one_off = One-off cost
change-field-annual = Annual cost besides the hours
change-field-target_uplift-min = Target uplift, lower end
change-field-target_uplift-max = Target uplift, upper end
change-field-horizon_years = Horizon in years
change-field-discount_rate = Discount rate
change-field-hourly_rate = Hourly rate
change-field-investment-one-off = Investment, one-off in total
change-field-investment-annual = Investment, annual in total
change-entry-segments = Segment
change-entry-touchpoints = Touchpoint
change-entry-initiatives = Initiative
change-entry-jobs = Job
change-entry-options = Programme option

## What the data says
section-data = What the data says
data-coverage = { $rows ->
        [one] { $rows } transaction row
       *[other] { $rows } transaction rows
    } from { $files }: { $customers ->
        [one] { $customers } customer buying
       *[other] { $customers } customers buying
    } between { $from } and { $to }.
data-skipped-title = Rows left out:
data-skipped = { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    } with { $reason }
data-returns-only = { $customers ->
        [one] { $customers } customer with returns only (no day of purchases) is left out of the customer counts and the models.
       *[other] { $customers } customers with returns only (no day of purchases) are left out of the customer counts and the models.
    }
data-figures-title = The data beside the figures in use
data-figures-note = Active customers bought in the last 365 days; purchases, order value and margin cover those 365 days; retention is the share of one year's customers who buy again the next year, pooled over the last full years. Where a figure is typed, the last column shows how far it is from the data.
th-from-data = From the data
th-in-use = In use
th-typed-vs-data = Typed against data
data-source-data = from the data
data-source-typed = typed
data-field-customers = Active customers
data-field-purchases_per_year = Purchases per year
data-field-average_order_value = Average order value
data-field-gross_margin = Gross margin
data-field-retention_rate = Retention
data-cohorts-title = Cohort retention: { $segment }
th-first-purchase = First purchase
data-cohorts-partial = The last year ends at the observation end, so its shares are lower than a full year's would be.
data-models-title = Customer-base models
data-models-note = A purchase model — BG/NBD, Pareto/NBD or MBG/NBD, named per segment below — describes how often each customer buys and whether they have quietly left; Gamma-Gamma describes what they spend per purchase. Model CLV is the mean over customers active in the last year; simple CLV uses the segment's retention, purchases, order value and margin. Where the two disagree, the constant retention of the simple model is the assumption to challenge. In brackets: the 90 % interval from the uncertainty of the fitted parameters (a parametric bootstrap of 200 draws); it does not cover a wrong choice of model, which the holdout below tests.
data-choice-setting = { $segment }: { $model }, as project.yaml sets it.
data-choice-holdout = { $segment }: { $model }, the lowest holdout error of { $candidates } models: { $error } purchases per customer, root mean squared error; the next { $next }.
data-choice-bic = { $segment }: { $model }, the lowest BIC of { $candidates } models (no holdout to judge them on).
data-validation-title = How well the models predict
data-validation-note = Each model was fitted on the transactions up to the calibration end and asked how often the same customers would buy in the weeks after; the dots are what they did. A model that tracks the dots is one whose figures above can be trusted for the future; the differences between the models are small where their lines overlap.
data-holdout-sentence = { $segment }: { $model } predicted { $predicted } repeat purchases in the { $weeks }-week holdout, actual { $actual }: { $error }.
chart-tracking = { $segment }: repeat purchases in the holdout, cumulative
desc-tracking = Cumulative repeat purchases week by week after the calibration end, as each model predicted them and as they happened. Predicted in all:
cap-tracking = { $segment }: { $actual } repeat purchases in the holdout; { $model } predicted { $predicted }.
chart-tracking-x = Week of the holdout
chart-tracking-y = Repeat purchases, cumulative
chart-by-frequency = { $segment }: holdout purchases by purchases before
desc-by-frequency = Mean repeat purchases in the holdout of customers grouped by their repeat purchases before the calibration end, predicted and actual. Actual means:
cap-by-frequency = Customers who bought more often before buy more often after; the lines are each model's prediction, the dots what happened.
chart-by-frequency-x = Repeat purchases before the calibration end
chart-by-frequency-y = Mean purchases in the holdout
legend-actual = Actual
th-p-alive = Mean P(alive)
th-expected-purchases = Expected purchases next year
th-model-clv = Model CLV
th-simple-clv = Simple CLV
th-difference = Difference
data-not-fitted = Not fitted, so the figures that need them are left out:
data-no-fit-too-few = { $customers ->
        [one] { $customers } customer
       *[other] { $customers } customers
    }, and the model needs at least { $needed }
data-no-fit-too-few-repeat = { $customers ->
        [one] { $customers } customer with a repeat purchase
       *[other] { $customers } customers with a repeat purchase
    }, and the model needs at least { $needed }
data-no-fit-no-repeat = no customer bought twice, so there is no purchase rate to learn
data-no-fit-nobody-lost = no customer was lost, so there is no churn to learn
data-no-fit-same-churn = the customers do not differ in their churn: retention stays at { $retention }, as the simple CLV assumes
data-no-fit-not-converged = the estimate did not settle within { $iterations } iterations
data-no-fit-not-identified-parameter = the data cannot pin down its parameter { $parameter }: its standard error is more than { $bound } times its value
data-no-fit-not-identified = the data cannot pin down its parameters: the likelihood does not fall away in every direction from its maximum
data-no-fit-no-prediction = it gives no prediction for some customers, so it cannot be validated
data-no-p-alive = { $segment } — { $model } gives no P(alive) for { $customers ->
        [one] { $customers } customer
       *[other] { $customers } customers
    } (its series cannot be summed for them), so the segment's mean P(alive), expected purchases and model CLV are left out, and the P(alive) chart shows the others only.
data-tenure-title = Retention by tenure
data-tenure-note = The shifted-beta-geometric model: each customer has their own chance of leaving at each renewal, so retention rises with tenure as those likely to leave go first. Points are the observed shares, lines the model.
data-tenure-data = from the data
data-tenure-typed = typed curve
th-retention-by-renewal = Retention at renewals 1–5
th-sbg-clv = CLV with this curve
th-parameters = Parameters
th-model = Model
chart-cohorts = Share of each cohort buying per year: { $segment }
desc-cohorts = One line for each of { $cohorts } first-purchase cohorts: the share of the cohort's customers who bought in each later calendar year.
chart-cohorts-x = Years since the first purchase year
chart-cohorts-y = Share of the cohort buying
chart-p-alive = Customers by probability of still being active
desc-p-alive = The share of each segment's customers in each tenth of P(alive), the purchase model's probability that a customer has not quietly left.
chart-p-alive-y = Share of customers
chart-tenure = Retention by tenure
desc-tenure = Retention at each renewal: observed shares as grey points, the shifted-beta-geometric model as lines.
chart-tenure-x = Renewal (years as a customer)
chart-tenure-y = Retention

## Programme options (options/*.yaml)
options-title = Programme options
options-base = Base case
options-verdict = { $best } has the highest expected NPV ({ $npv }); { $safe } has the best downside, a P10 of { $p10 }.
options-verdict-same = { $option } has both the highest expected NPV ({ $npv }) and the best downside, a P10 of { $p10 }.
options-note = Each option is the base case with the choices its file names changed (focus segments, levers, ramp-up, investment), valued with the same formulas, draws and seed. NPV is the likely scenario’s; expected NPV, P10 and P90 are the simulation’s; the chance is of reaching the { $target } target over the option’s own focus segments.
options-base-mid = the base case
th-roi = ROI
th-investment-pv = Investment, PV
th-payback = Payback
th-option = Option
th-npv-likely = NPV, likely
th-expected-npv = Expected NPV
th-npv-range = NPV P10 – P90
th-chance = Chance of target

## Subscription segments (monthly_price, monthly_churn)
subscription-payments = 12 (monthly)
subscription-price = { $price } a month
subscription-churn = { $churn } churn a month
der-monthly-price = monthly price
der-monthly-churn = c = monthly churn
lever-monthly_price = Monthly price
lever-monthly_churn = Monthly churn

## Assets for the slide deck (build --assets)
sheet-touchpoint-gaps = Touchpoint gaps
sheet-problem-areas = Problem areas
sheet-problem-areas-from-data = Problem areas from data
sheet-cash-flows = Cash flows
sheet-initiatives = Initiatives
sheet-market-gaps = Touchpoint gaps by market
th-resource-share = Share of resources
th-importance-share = Share of importance
th-uplift-low = Uplift, low
th-uplift-likely = Uplift, likely
th-uplift-high = Uplift, high
th-npv-p10 = NPV P10
th-npv-p90 = NPV P90
th-payback-months = Payback, months

## From journey gaps to money (initiatives in journey.yaml)
section-initiatives = From journey gaps to money
th-initiative = Initiative
th-initiative-value = Value
th-initiative-cost = Cost, PV
th-net-value = Net value
th-per-krone = Value per krone
th-funded = In the investment
initiative-funded = yes
initiative-action-add = Add
initiative-action-improve = Improve
initiative-action-reduce = Reduce
initiative-action-stop = Stop
initiative-payback = year { $year }
initiative-payback-never = not within { $years } years
initiatives-attribution = { $count ->
    [one] One initiative carries
   *[other] { $count } initiatives carry
} { $attributed } of the likely value uplift of { $whole }; { $unattributed } ({ $share }) is not attributed to any initiative: the part of the levers' effects no initiative claims.
initiatives-note = Value: the initiative's share of each lever it moves, times the lever's Shapley value in the segment's likely value uplift. Cost: one-off plus running cost (hours at the hourly rate) as a present value; negative when the initiative frees more than it costs. Ranked by net value.
initiatives-not-funded = Every initiative's value is part of the programme's value uplift, but no investment line funds { $count ->
    [one] this one
   *[other] these
}, so { $count ->
    [one] its cost is
   *[other] their costs are
} not in the NPV: { $names }.
initiatives-reallocation = Reducing and stopping touchpoints frees { $hours } hours and { $budget } a year, { $freed } a year with the hours at { $rate } an hour: { $share } of the { $needed } a year the added and improved touchpoints cost to run. What is freed is not counted in the NPV.
initiatives-reallocation-nothing-needed = Reducing and stopping touchpoints frees { $hours } hours and { $budget } a year, { $freed } a year with the hours at { $rate } an hour; the other initiatives add no running cost. What is freed is not counted in the NPV.
initiatives-reallocation-nothing-freed = The initiatives free no hours or budget: the { $needed } a year the added and improved touchpoints cost to run is new spend.
chart-initiatives = Value against cost, by initiative
chart-initiatives-x = Cost, present value ({ $currency })
chart-initiatives-y = Value, likely ({ $currency })
chart-initiatives-break-even = break-even: value = cost
desc-initiative = { $number } { $name }: value { $value }, cost { $cost }
cap-initiatives = { $count } of { $total } initiatives that cost money return more than they cost: those above the line. Numbers as in the table.
cap-initiatives-none = No initiative costs money: each frees more than it costs. Numbers as in the table.
th-initiatives-value = Initiatives' value
journey-initiatives-value-note = Initiatives' value: the value of the initiatives on the touchpoint (see "From journey gaps to money"); an initiative on several touchpoints is split equally between them.
doubt-reduces-important = "{ $initiative }" reduces "{ $touchpoint }", which customers rate { $importance } of 5, at or above the average importance: is the effort really too much?
der-initiative = Value, cost and net value of "{ $name }"
der-initiative-formula = value = Σ share × lever value; cost = one-off + (annual + hours × hourly rate) × Σ (1+d)^−t, t = 1..H; net value = value − cost
der-initiative-result = value { $value } − cost { $cost } = net value { $net }
der-initiative-share = share of { $lever }
der-initiative-lever-value = Shapley value of { $lever }
der-initiative-lever-source = Shapley value, see the method
der-initiative-one-off = one-off
der-initiative-annual = annual, besides the hours
der-initiative-hours = hours a year
der-initiative-rate = hourly rate
method-initiatives = Initiative value
method-initiatives-words = A lever's value in a segment is its Shapley value (Shapley 1953): its marginal contribution to the likely value uplift averaged over all 24 orders in which the four levers can be switched on, so the four add up to the segment's value uplift and no interaction is counted twice. An initiative is worth the shares of the levers it delivers; its payback is read off yearly values found the same way.

## Markets side by side (markets and by_market in journey.yaml)
journey-markets = Markets side by side
chart-ipa-markets = Importance against performance, by market
chart-ipa-markets-x = Performance (1–5)
chart-ipa-markets-y = Importance (1–5)
desc-ipa-market = { $market }: cross-hairs at mean importance { $importance } and mean performance { $performance }; "Concentrate here": { $numbers }.
cap-ipa-markets = Each market scored on its own, numbered as in the gap list: where a touchpoint moves between panels, the markets need different actions.
journey-markets-disagree = The touchpoints whose priority or action differs most between markets: priority · action in each market.
th-market-priority = { $market }
th-priority-spread = Difference
journey-markets-overall = Overall
touchpoint-market-scores = { $market }: importance { $importance }, performance { $performance }
touchpoint-market-absent = { $market }: importance { $importance }, not present

## The path to a loyal customer (data section)
loyalty-title = The path to a loyal customer
loyalty-note = Customers new to the company — no purchase in the { $lapse } days of data before their first — whose first { $window } days have all been observed, by the stage they reached within those { $window } days: first purchase, repeat, regular and loyal at purchase days { $purchases }. Conversion is the share of the stage before. Won back: of the customers with a gap of more than { $lapse } days between purchases or before the observation end, those who bought again after such a gap.
loyalty-median-day = median day { $day }
loyalty-win-back = { $returned } of { $lapsed } ({ $share })
loyalty-bottleneck = { $segment }: the path breaks down most from { $from } to { $to }: { $conversion } go on, against { $all } in all segments and { $best } in { $best_segment }. Converting as well would have brought { $customers } more of the { $at_from } customers at { $from } to { $to }, worth { $value } in margin within their first { $window } days.
loyalty-bottleneck-best = { $segment }: its weakest step against all segments is { $from } to { $to } ({ $conversion }, all segments { $all }), and no segment with enough customers converts better there.
th-loyalty-eligible = Customers counted
th-win-back = Won back
stage-first_purchase = First purchase
stage-repeat = Repeat
stage-regular = Regular
stage-loyal = Loyal
stage-purchase-day = purchase day { $n }
chart-loyalty-path = The path to a loyal customer: { $segment }
cap-loyalty-path = { $segment }: { $share } of new customers become loyal within the window; the path breaks down most from { $from } to { $to }.
desc-loyalty-stage = { $stage }: { $customers ->
        [one] { $customers } customer
       *[other] { $customers } customers
    } ({ $share })
th-stage = Stage
th-purchase-day = Purchase day
th-conversion = Conversion
th-median-days = Median days
cap-loyalty-path-best = { $segment }: { $share } of new customers become loyal within the window; no segment with enough customers converts better at its weakest step.

## Win/loss over time
winloss-periods-note = winloss.yaml gives the counts per period; the figures above are over all periods together.
winloss-trend-title = Win/loss and upsell over time
winloss-trend-note = { $segment }: win/loss ratio { $ratio } in { $last }, { $ratio_last } on { $before } and { $ratio_span } since { $first }; upsell ratio { $upsell } ({ $upsell_last } and { $upsell_span }).
chart-winloss-trend = Win/loss ratio and upsell ratio by period
chart-winloss-trend-x = Period
cap-winloss-trend = Each segment's win/loss ratio (won per lost customer) and upsell ratio, period by period from { $first } to { $last }.
th-period = Period
loyalty-bottleneck-unvalued = { $segment }: the path breaks down most from { $from } to { $to }: { $conversion } go on, against { $all } in all segments and { $best } in { $best_segment }. Converting as well would have brought { $customers } more of the { $at_from } customers at { $from } to { $to }; what that is worth cannot be measured, as the segment has no customer on both sides of the step.
loyalty-left-out = { $before } before the data, { $recent } too recent
th-loyalty-left-out = Not counted
cap-winloss-trend-more = The chart shows the first { $shown } of the { $count } segments counted by period; the table lists them all.
stage-integrated = Integrated
stage-categories = { $n } categories
loyalty-note-integrated = Integrated: loyal, and bought from at least { $categories } product categories within the same { $window } days (a category counts with a row above zero: a return buys nothing); reached on the later of the two days.
economics-data-problems = Scored from the data: low product integration
data-problems-note = Integrated: loyal and buying from at least { $categories } product categories within the first { $window } days. The value at stake is the margin within those { $window } days that { $customers ->
        [one] { $customers } more integrated customer
       *[other] { $customers } more integrated customers
    } would have brought, over what they brought as loyal customers only — the customers in the data together, not a customer lifetime value, so it is not ranked with the problem areas above. It compares customers; it does not prove that selling more categories causes the extra margin.
summary-data-problem-item = { $current } of loyal new customers became integrated, against { $benchmark } in { $best_segment }; at that rate they would have brought { $value } more margin within their first { $window } days (all new customers in the data together; not a lifetime value)
th-additional = More integrated
th-categories = Categories
th-loyal-to-integrated = Loyal → integrated
th-best-segment = Best segment
