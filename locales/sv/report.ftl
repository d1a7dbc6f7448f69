# Svensk katalog för uplift-rapporten. Alla kataloger har exakt samma id:n som den engelska.

## Format (CLDR-konventioner kring tal formaterade av ICU4X)
fmt-money = { $amount } { $symbol }
currency-SEK = kr
fmt-money-millions = { $symbol ->
    [kr] { $amount } mnkr
   *[other] { $amount } mn { $symbol }
  }
fmt-money-thousands = { $full }
fmt-percent = { $value } %
fmt-points = { $value } procentenheter
fmt-above = >{ $value }
fmt-below = <{ $value }
fmt-date = { $day } { $month } { $year }
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mars
month-short-4 = apr.
month-short-5 = maj
month-short-6 = juni
month-short-7 = juli
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = dec.
not-available = –

## Försättsblad och innehåll
cover-date = Datum
cover-prepared-by = Utarbetad av
cover-currency = Valuta
cover-currency-value = { $currency }, nuvärden över { $years } år
cover-version = Version
version-clean = { $commit }, { $date }
version-dirty = { $commit }, { $date } (utkast)
cover-logo = Logotyp för { $client }
contents = Innehåll
page-footer = { $client } · { $title }

## Avsnittsrubriker
section-summary = Sammanfattning för ledningen
section-business-case = Affärscase
section-economics = Ekonomi per segment
section-uplift = Värdeökning
section-journey = Kundresa och gapanalys
section-winloss-jobs = Vunna/förlorade affärer och jobs-to-be-done-analys
section-winloss = Vunna och förlorade affärer
section-jobs = Kundens uppgifter (jobs to be done)
section-appendix = Bilaga

## Sammanfattning för ledningen
headline-main = Att höja värdet av en genomsnittlig kundrelation med { $uplift } i { $segments ->
    [one] fokussegmentet
   *[other] de { $segments } fokussegmenten
  } ger ett nettonuvärde på { $npv } över { $years } år
headline-roi = ROI på { $roi }
headline-payback = återbetald under år { $year }
headline-no-payback = investeringen återbetalas inte inom tidshorisonten
headline-nothing-invested = inget investerat, så inget att återbetala
headline-chance = { $chance } sannolikhet att nå målet på { $target }
card-uplift = Värdeökning per kundrelation
card-uplift-note = fokussegment, förväntat; lågt { $low } – högt { $high }
card-npv = Nettonuvärde (NPV)
card-npv-note = efter en investering på { $pv } (nuvärde)
card-roi = Avkastning på investeringen (ROI)
card-roi-note = nettonuvärde ÷ investeringens nuvärde
card-payback = Återbetalningstid
card-payback-value = år { $year }
card-payback-never = nås inte
card-payback-nothing = ingen investering
card-payback-note = första året då det ackumulerade diskonterade nettokassaflödet är ≥ 0; kassaflöden räknas vid årets slut
card-chance = Sannolikhet att nå målet
card-chance-note = { $draws } simulerade utfall, hävstängernas korrelation ρ = { $rho } (oberoende: { $independent }; i takt: { $lockstep })
card-chance-note-plain = { $draws } simulerade utfall
summary-problems = De största problemområdena
summary-problem-item = { $value } står på spel ({ $driver } { $current } mot { $benchmark })
summary-gaps = De största gapen i kontaktpunkterna
summary-gap-item = betydelse { $importance }, prestation { $performance }
summary-next = Nästa steg
next-validate = Validera de bakomliggande orsakerna till { $problem } i { $segment } innan några investeringar görs: { $value } i kundvärde står på spel.
next-add = Lägg till det som kunderna värdesätter men som vi inte erbjuder i dag: { $names }.
next-invest = Investera där betydelsen är hög och leveransen svag: { $names }.
next-reduce = Frigör resurser från kontaktpunkter som kräver mer insats än de ger kunderna: { $names }.

## Affärscase
bc-challenge = Utmaning och möjlighet
bc-approach = Tillvägagångssätt
bc-expected-value = Förväntat värde
bc-investment = Investering
th-item = Post
th-serves = Avser
th-one-off = Engångskostnad
th-annual = Årlig
th-present-value = Nuvärde
investment-programme-wide = Hela programmet
investment-total = Totalt
bc-risks = Risker
risk-matrix-caption = Sannolikhet × konsekvens; siffrorna hänvisar till risklistan
risk-matrix-corner = Konsekvens ↓ / sannolikhet →
th-risk-score = S × K
th-risk = Risk
th-mitigation = Motåtgärd

## Ekonomi per segment
th-segment = Segment
th-customers = Kunder
th-purchases = Köp per år
th-order-value = Ordervärde
th-margin = Marginal
th-retention = Kundbehållning
th-clv = CLV
th-cac = CAC
tag-focus = fokus
economics-problems = Problemområden, rangordnade efter värdet som står på spel
problems-at-benchmark = { $count ->
    [one] Ett segmentvärde når eller slår sitt jämförelsevärde: inget värde står på spel, så det finns inte med i listan.
   *[other] { $count } segmentvärden når eller slår sina jämförelsevärden: inget värde står på spel, så de finns inte med i listan.
}
th-problem = Problemområde
th-today = I dag
th-benchmark = Jämförelsevärde
th-value-at-stake = Värde på spel
benchmark-source-segment = segment
benchmark-source-project = projekt
not-scored = Ej bedömda i brist på jämförelsevärde: { $list }.
economics-krone = Vad ger en krona?
th-annual-margin = Årligt täckningsbidrag per kund
th-value-per-acquisition = CLV per krona i kundförvärv
th-value-per-loyalty = Värdeökning per krona i lojalitet

## Värdeökning
th-clv-today = CLV i dag
th-low = Låg
th-likely = Förväntad
th-high = Hög
th-uplift-scenarios = Ökning (låg / förväntad / hög)
th-value-uplift-likely = Värdeökning, förväntad
bridge-note = Hävstängerna påverkar varandra, så värdebryggan lägger till dem i en fast ordning (kundbehållning, köpfrekvens, ordervärde, marginal); stegen summerar exakt till totalen.
simulation-note = { $draws } simulerade utfall: nettonuvärde P10 { $p10 }, P50 { $p50 }, P90 { $p90 }; programmets värdeökning P10 { $uplift_p10 } till P90 { $uplift_p90 }; { $probability } av utfallen når målet på { $target }.
simulation-rho = { $rho_value ->
    [0] Hävstängerna dras oberoende av varandra (ρ = 0).
    [1] Hävstängerna dras i takt (ρ = 1): alla hävstänger på samma percentil i varje utfall.
   *[other] Hävstängerna dras så att de följs åt med ρ = { $rho }: ett program som är försenat är försenat för alla hävstänger.
  }
simulation-sensitivity = Samma utfall med oberoende hävstänger (ρ = 0): nettonuvärde P10 { $p10_independent } till P90 { $p90_independent }, { $probability_independent } når målet; med hävstänger i takt (ρ = 1): P10 { $p10_lockstep } till P90 { $p90_lockstep }, { $probability_lockstep } når målet.

## Kundresa
journey-goal = Vårt mål
journey-needs = Kundens behov
journey-notes = Anteckningar från workshopparna
journey-gaps = Gap i kontaktpunkter, rangordnade
journey-gaps-more = De { $count } kontaktpunkterna med lägre prioritet finns i den fullständiga utgåvan.
th-touchpoint = Kontaktpunkt
th-phase = Fas
th-importance = Betydelse
th-performance = Prestation
th-priority = Prioritet
th-cost = Kostnad per år
th-resources-importance = Resurser / betydelse
th-quadrant = Kvadrant
th-action = Åtgärd
touchpoint-scores = B { $importance } · P { $performance }

## Vunna/förlorade affärer och kundens uppgifter
winloss-title = Vunna och förlorade affärer per segment
th-won = Vunna
th-lost = Förlorade
th-win-rate = Andel vunna
th-win-loss-ratio = Kvot vunna/förlorade
th-upsell-ratio = Merförsäljningsandel
th-top-won = Vanligaste skälet till vunnen affär
th-top-lost = Vanligaste skälet till förlorad affär
jobs-title = Kundens uppgifter (jobs to be done)
th-job = Uppgift
th-satisfaction = Nöjdhet
th-opportunity = Möjlighetsvärde
th-assessment = Bedömning
jobs-all-segments = Alla

## Bilaga
appendix-workshops = Workshoppar
th-workshop = Workshop
th-date = Datum
th-market = Marknad
th-participants = Deltagare
th-journey-phases = Faser i kundresan
appendix-derivations = Så har varje nyckeltal beräknats
th-input = Indata
th-value = Värde
th-source = Källa
derived-below = beräknas nedan
appendix-methodology = Metod
th-figure = Nyckeltal
th-formula = Formel
th-in-words = Förklaring
appendix-assumptions = Samtliga antaganden
th-file = Fil
th-field = Fält
appendix-model-parameters = Modellernas parametrar
appendix-model-parameters-note = Parametrarna som i artiklarna (BG/NBD och Gamma-Gamma: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein, Morrison & Colombo 1987; MBG/NBD: Batislam, Denizel & Filiztekin 2007; sBG: Fader & Hardie 2007), med tid i dagar för köpmodellerna och i förnyelser för sBG. Inom parentes: varje parameters standardfel, från likelihoodfunktionens krökning vid skattningen (sBG-skattningen anger inget).
appendix-doubts = Siffror att pröva före presentationen
appendix-doubts-note = Indata är giltiga, men resultaten väcker sannolikt frågor: motivera dem eller se över indata.
doubt-retention = kundbehållningen i { $segment } når { $retention } i det höga scenariot: nästan ingen kund skulle någonsin lämna
doubt-uplift = den förväntade värdeökningen i { $segment } är { $uplift }: kunderna skulle bli mer än dubbelt så värdefulla
doubt-stake = { $problem } i { $segment } sätter { $stake } på spel, mer än segmentets hela kundvärde i dag ({ $value }): är jämförelsevärdet rättvisande?
doubt-benchmark = jämförelsevärdet för { $driver } i { $segment } ({ $benchmark }) avviker mer än 50 % från segmentets egen siffra ({ $current }): gäller det samma typ av kunder?
doubt-npv = det förväntade nettonuvärdet ({ $npv }) är { $times } gånger investeringen ({ $investment }): är alla programmets kostnader medräknade?
doubt-probability = sannolikheten att nå målet är { $probability }: målet är antingen givet på förhand eller utom räckhåll
appendix-sources = Källor
th-bytes = Byte

## Värdedrivare, problemområden, kvadranter, åtgärder, bedömning av uppgifter
lever-retention_rate = Kundbehållning
lever-purchases_per_year = Köpfrekvens
lever-average_order_value = Ordervärde
lever-gross_margin = Bruttomarginal
problem-retention_rate = Korta kundrelationer
problem-purchases_per_year = Få köp
problem-average_order_value = Små köp
problem-gross_margin = Svaga marginaler
problem-product_integration = Låg produktintegration
quadrant-concentrate_here = Koncentrera insatserna här
quadrant-keep_up_the_good_work = Fortsätt det goda arbetet
quadrant-low_priority = Låg prioritet
quadrant-possible_overkill = Möjlig överinvestering
action-invest = Investera
action-keep = Behåll
action-reduce = Minska
action-add = Lägg till
job-extremely_under_served = Kraftigt underförsörjd
job-under_served = Underförsörjd
job-over_served = Överförsörjd
job-served = Tillgodosedd

## Diagram
chart-timeline = Programmets tidsplan
chart-clv = Kundlivstidsvärde per segment, i dag och per scenario
chart-clv-axis = CLV per kund ({ $currency })
chart-today = I dag
chart-bridge = Värdebrygga: genomsnittligt kundvärde i fokussegmenten, från i dag till förväntat
chart-bridge-axis = CLV per kund ({ $currency }); axeln börjar vid { $floor }
chart-projected = Framskrivet
chart-payback = Ackumulerat diskonterat värde mot investering (förväntat scenario)
chart-payback-x = År från programstart
chart-payback-y = Ackumulerat, diskonterat ({ $currency })
chart-value-uplift = Värdeökning
chart-investment = Investering
chart-payback-point = Återbetald: slutet av år { $year }
th-year = År
th-cf-investment = Investering
th-cf-value = Värdeökning
th-cf-net = Netto
th-cf-discounted = Diskonterat netto
th-cf-cumulative = Ackumulerat, diskonterat
cash-flows-note = Förväntat scenario. År 0 är engångsinvesteringen; täckningsbidrag och löpande kostnader bokförs vid slutet av varje år, som i CLV. De diskonterade nettokassaflödena summerar till nettonuvärdet; det markerade året är det första då det ackumulerade diskonterade nettokassaflödet är minst noll, dvs. det år då investeringen är återbetald.
chart-npv = Programmets nettonuvärde över simulerade utfall
chart-npv-x = Programmets nettonuvärde ({ $currency })
chart-npv-y = Andel av simuleringarna
chart-npv-target = { $chance } av utfallen når målet om en värdeökning på { $target }
chart-tornado = Vad påverkar nettonuvärdet mest: varje hävstång från låg till hög, övriga på förväntad nivå
chart-acquisition = Värde per krona: kundförvärv mot lojalitet
chart-acquisition-axis = Kundvärde per investerad { $currency }
chart-acquisition-series = Kundförvärv: CLV ÷ CAC
chart-loyalty-series = Lojalitet: värdeökning ÷ investering
chart-ipa = Betydelse mot prestation per kontaktpunkt
chart-ipa-x = Prestation: hur väl vi levererar i dag (1–5)
chart-ipa-y = Betydelse för kunden (1–5)
chart-not-present = finns inte i dag
chart-resources = Andel av resurserna mot andel av betydelsen
chart-resources-x = Andel av alla kontaktpunkter
chart-resources-series = Andel av resurserna (budget + timmar)
chart-importance-series = Andel av betydelsen för kunderna
chart-pareto = Varför vi förlorar kunder: skäl över alla segment
chart-pareto-other = { $count } andra skäl
chart-pareto-y = Förlorade affärer där skälet nämns
chart-jobs = Möjlighetslandskap: kundens uppgifter
chart-jobs-x = Nöjdhet med dagens lösningar (0–10)
chart-jobs-y = Uppgiftens betydelse (0–10)
chart-under-served = underförsörjd

## Diagrambeskrivningar (för skärmläsare och bildtexter)
desc-timeline-item = { $activity }: { $start } till { $end }
desc-clv-item = { $segment }: i dag { $today }, förväntat { $likely }
desc-bridge = I dag { $start }, { $steps }, framskrivet { $end }.
desc-payback = Efter { $years } år: värdeökning { $value }, investering { $investment }.
desc-payback-never = Programmet återbetalar sig inte inom tidshorisonten.
desc-npv = { $draws } simuleringar. P10 { $p10 }, P50 { $p50 }, P90 { $p90 }.
desc-tornado-item = { $lever } från { $low } till { $high }
desc-acquisition-item = { $segment }: kundförvärv { $acquisition }, lojalitet { $loyalty }
desc-ipa = { $count } kontaktpunkter. Axlarna korsas vid genomsnittlig betydelse { $importance } och genomsnittlig prestation { $performance }. Siffrorna hänvisar till den rangordnade listan över gap.
desc-resources-item = { $touchpoint }: { $resources } av resurserna, { $importance } av betydelsen
desc-jobs = { $count } uppgifter; siffrorna hänvisar till den rangordnade listan. Skuggat: underförsörjd (möjlighetsvärde ≥ 10), mörkare: kraftigt underförsörjd (≥ 15).

## Figurtexter: vad figuren visar och det enda läsaren ska ta med sig
cap-timeline = Programmet pågår från { $start } till { $end }; varje stapel är en aktivitet.
cap-acquisition = I { $count } av { $total } segment ger pengar som satsas på att behålla kunder bättre avkastning än pengar som satsas på att vinna nya.
cap-clv = Den största vinsten per kund finns i { $segment }: { $uplift } i det förväntade scenariot.
cap-bridge = { $lever } står för den största delen av värdeökningen per kund: { $share }.
cap-bridge-none = Hävstängerna tillför inget värde per kund i fokussegmenten.
cap-payback = I det förväntade scenariot har programmet betalat sig vid slutet av år { $year }.
cap-payback-never = I det förväntade scenariot betalar sig programmet inte inom { $years } år.
cap-npv = I nio av tio simulerade utfall är nettonuvärdet över { $p10 }; { $chance } av dem når målet om en värdeökning på { $target }.
cap-tornado = Nettonuvärdet beror mest på { $lever } i { $segment }: från { $low } till { $high } mellan det låga och det höga antagandet.
cap-ipa = { $count } av { $total } kontaktpunkter hamnar i ”Koncentrera insatserna här”: viktiga för kunderna och levererade under genomsnittet.
cap-resources = { $count } av { $total } kontaktpunkter får en större andel av resurserna än av betydelsen; { $touchpoint } mest.
cap-resources-none = Ingen kontaktpunkt får en större andel av resurserna än av betydelsen.
cap-pareto = { $count } av { $total } skäl förklarar { $share } av de förlorade affärerna: ta itu med dem först.
cap-pareto-none = Inga förlorade affärer är registrerade.
cap-jobs = { $under } av { $count } uppgifter är underförsörjda (möjlighetsvärde 10 eller mer): här finns utrymme att slå dagens lösningar.
cap-cohorts = { $segment }: av kunderna som köpte första gången { $year } köpte { $share } igen året därpå.
desc-cohorts-item = { $year }: { $shares }
cap-p-alive = I { $segment } har { $share } av kunderna troligen lämnat oss (P(aktiv) under 50 %).
desc-p-alive-item = { $segment }: { $shares }
desc-p-alive-item-left-out = { $segment }: { $shares } (andelar av kunderna med en P(aktiv): ytterligare { $customers } har ingen)
cap-tenure = I { $segment } stiger kundbehållningen från { $first } vid första förnyelsen till { $last } vid förnyelse { $renewal }: de kunder som är benägna att lämna försvinner först.
desc-tenure-item = { $segment }: { $shares }

## Härledningar
der-uplift = Värdeökning för en genomsnittlig kundrelation (förväntad)
der-uplift-formula = Σ fokus N · CLV′ / Σ fokus N · CLV − 1
der-clv-pair = CLV → CLV′, { $segment }
der-pv = Investeringens nuvärde
der-pv-formula = PV = Σ engångsbelopp + Σ årligt belopp · Σ (1+d)^−t, t = 1..H
der-pv-item = { $once } en gång, { $annual } per år
der-npv = Nettonuvärde (förväntat)
der-npv-formula = NPV = Σ segment N · (CLV′ − CLV) − PV
der-value-uplift = Värdeökning, { $segment }
der-pv-input = Investeringens nuvärde (PV)
der-roi = Avkastning på investeringen, ROI (förväntad)
der-payback = Återbetalningstid (förväntad)
der-payback-formula = första året då ackumulerat diskonterat nettokassaflöde (värdeökning − investering) är ≥ 0; kassaflödena faller vid årets slut, så det interpoleras inte inom ett år
der-payback-year = år { $year }: värde { $value } / investering { $investment }
der-payback-result = slutet av år { $year }
der-payback-never = inte inom tidshorisonten
der-chance = Sannolikhet att nå målet
der-chance-formula = andel simulerade utfall där programmets värdeökning ≥ lägsta målnivå
der-chance-substituted = { $reached } / { $draws } (startvärde { $seed })
der-target-min = lägsta målnivå
der-draws = simuleringar
der-seed = startvärde
der-lever-correlation = hävstängernas korrelation ρ
der-clv = Kundlivstidsvärde, { $segment }
der-clv-formula = CLV = f · v · m × Σ (r / (1+d))^t, t = 1..H; med infasning är CLV′ = Σ Mₜ · (r₁ · … · rₜ) / (1+d)^t, varje års drivare med hävstängerna vid årets andel
der-ramp-up = infasning
der-today = i dag
der-likely = förväntat
der-lever = Δ { $lever } (förväntat)
der-currency = valuta

## Metod
method-margin = Årligt täckningsbidrag per kund
method-margin-words = Antal köp per år gånger genomsnittligt ordervärde gånger bruttomarginal: det en kund bidrar med under ett år.
method-clv = Kundlivstidsvärde
method-clv-words = En kund som fortfarande finns kvar efter t år (sannolikhet r^t) bidrar med M det året; en krona vid den tidpunkten är värd (1+d)^−t i dag. Täckningsbidraget räknas vid slutet av varje år (Gupta & Lehmann).
method-projected = Framskrivet värde
method-projected-words = Programmets hävstänger lägger till procentenheter på kundbehållning och marginal och procent på köpfrekvens och ordervärde; CLV′ är CLV beräknat med de justerade värdedrivarna.
method-uplift = Programmets värdeökning
method-uplift-words = Hur mycket mer en genomsnittlig kundrelation i fokussegmenten är värd, viktat efter antalet kunder.
method-pv = Investeringens nuvärde
method-pv-words = Engångskostnader uppstår vid start och årliga kostnader vid slutet av varje år; de diskonteras på samma sätt som täckningsbidragen.
method-npv = Nettonuvärde och ROI
method-npv-words = Det värde som skapas i alla segment minus vad programmet kostar, båda uttryckta i nuvärde.
method-payback = Återbetalningstid
method-payback-notation = första t där Σ (värdeökning − investering)ₖ · (1+d)⁻ᵏ ≥ 0, summerat över k = 0…t
method-payback-words = Täckningsbidrag och löpande kostnader faller vid slutet av varje år, som i CLV, så återbetalningen läses av de årliga kassaflödena: slutet av det första året då den löpande summan täcker investeringen.
method-problems = Problemområden
method-problems-notation = N · (CLV med värdedrivaren på jämförelsevärdet − CLV)
method-problems-words = Det värde ett segment går miste om på en värdedrivare jämfört med jämförelsevärdet; noll när segmentet redan når det. Värdedrivare utan jämförelsevärde bedöms inte.
method-uncertainty = Osäkerhet
method-uncertainty-notation = PERT(låg, förväntad, hög), dragna genom en gaussisk copula med en gemensam programfaktor (hävstängernas korrelation ρ)
method-uncertainty-words = Varje osäker hävstång dras ur en PERT-fördelning; P10, P50 och P90 avläses ur de simulerade utfallen, och sannolikheten att nå målet är andelen utfall som gör det.
method-gap = Gap i kontaktpunkter
method-gap-words = Analys av betydelse och prestation (Martilla & James): axlarna korsas vid medelvärdena; resurser är budget plus timmar till timpris, jämförda som andelar med betydelsen.
method-winloss = Vunna och förlorade affärer
method-winloss-notation = andel vunna = vunna / (vunna + förlorade); merförsäljningsandel = kunder med merförsäljning / kunder
method-winloss-words = Varför affärer vinns och förloras, per segment, med skälen rangordnade efter frekvens.
method-jobs = Kundens uppgifter (jobs to be done)
method-jobs-words = Ulwicks möjlighetsvärde: 15 eller mer är kraftigt underförsörjd, 10 eller mer underförsörjd; är nöjdheten högre än betydelsen är uppgiften överförsörjd.

## Antaganden
assumption-simulation = { $draws } simuleringar, startvärde { $seed }, hävstängernas korrelation ρ = { $rho }
ramp-up-none = ingen infasning antagen: alla hävstänger har full effekt från år 1
ramp-up-shares = infasning: { $shares } av full effekt år 1, 2, …
assumption-acquisition = { $customers ->
        [one] { $customers } ny kund
       *[other] { $customers } nya kunder
    } för { $spend } per år
assumption-benchmark-used = används för { $segment }

## Ändringar sedan en version
section-changes = Ändringar sedan { $revision }
changes-none = Inget har ändrats: antagandena och alla nyckeltal är desamma.
changes-inputs = Antaganden
changes-figures = Nyckeltal
changes-rankings = Rangordningar
th-before = Före
th-after = Efter
th-change = Förändring
th-ranking = Rangordning
th-entry = Post
changes-added = tillagd
changes-removed = borttagen
change-fig-programme_uplift = Programmets värdeökning (förväntad)
change-fig-npv = Nettonuvärde (förväntat)
change-fig-roi = Avkastning på investeringen, ROI (förväntad)
change-fig-payback_months = Återbetalningstid i månader (förväntad)
change-fig-probability_reaching_target = Sannolikhet att nå målet
change-fig-segment_clv = Kundlivstidsvärde, { $segment }
change-fig-integration_value_at_stake = Låg produktintegration, på spel, { $segment }
change-fig-segment_uplift = Värdeökning, { $segment } (förväntad)
change-fig-option_npv = Nettonuvärde, alternativ { $segment }
change-ranking-problem_areas = Problemområden
change-ranking-touchpoint_gaps = Gap i kontaktpunkter
change-ranking-jobs = Kundens uppgifter (jobs to be done)
change-field-lever = Hävstång för { $lever } ({ $scenario })
change-field-customers = Kunder
change-field-focus = I fokus (1 = ja)
change-field-importance = Betydelse
change-field-performance = Prestation
change-field-hours_per_year = Timmar per år
change-field-budget_per_year = Budget per år
change-field-present = I kundresan i dag (1 = ja)
change-field-satisfaction = Nöjdhet
change-field-share = Andel av hävstången { $lever } i { $segment }
change-field-market = { $market }: { $field }
change-field-one_off = Engångskostnad
change-field-annual = Årlig kostnad utöver timmarna
change-field-target_uplift-min = Mål för värdeökning, nedre gräns
change-field-target_uplift-max = Mål för värdeökning, övre gräns
change-field-horizon_years = Tidshorisont i år
change-field-discount_rate = Diskonteringsränta
change-field-hourly_rate = Timpris
change-field-investment-one-off = Investering, engångsbelopp totalt
change-field-investment-annual = Investering, årligt totalt
change-entry-segments = Segment
change-entry-touchpoints = Kontaktpunkt
change-entry-initiatives = Initiativ
change-entry-jobs = Uppgift
change-entry-options = Programalternativ

## Vad datan säger
section-data = Vad datan säger
data-coverage = { $rows ->
        [one] { $rows } transaktionsrad
       *[other] { $rows } transaktionsrader
    } från { $files }: { $customers ->
        [one] { $customers } kund
       *[other] { $customers } kunder
    } som har köpt mellan { $from } och { $to }.
data-skipped-title = Utelämnade rader:
data-skipped = { $rows ->
        [one] { $rows } rad
       *[other] { $rows } rader
    } med { $reason }
data-returns-only = { $customers ->
        [one] { $customers } kund med enbart returer (ingen dag med köp) är utelämnad ur kundantal och modeller.
       *[other] { $customers } kunder med enbart returer (ingen dag med köp) är utelämnade ur kundantal och modeller.
    }
data-figures-title = Datan jämförd med de siffror som används
data-figures-note = Aktiva kunder har köpt under de senaste 365 dagarna; köp, ordervärde och bruttomarginal avser samma 365 dagar; kundbehållning är andelen av ett års kunder som köper igen året därpå, sammanvägd över de senaste hela åren. Där en siffra är inskriven visar sista kolumnen hur mycket den avviker från datan.
th-from-data = Från datan
th-in-use = Används
th-typed-vs-data = Avvikelse från data
data-source-data = från datan
data-source-typed = inskriven
data-field-customers = Aktiva kunder
data-field-purchases_per_year = Köp per år
data-field-average_order_value = Genomsnittligt ordervärde
data-field-gross_margin = Bruttomarginal
data-field-retention_rate = Kundbehållning
data-cohorts-title = Kundbehållning per kohort: { $segment }
th-first-purchase = Första köp
data-cohorts-partial = Det sista året slutar vid observationens slutdatum, så dess andelar är lägre än ett helt års skulle vara.
data-models-title = Modeller av kundbasen
data-models-note = En köpmodell — BG/NBD, Pareto/NBD eller MBG/NBD, angiven för varje segment nedan — beskriver hur ofta varje kund köper och om kunden i tysthet har fallit bort; Gamma-Gamma beskriver vad kunden spenderar per köp. Modellens CLV är genomsnittet för kunder som var aktiva det senaste året; enkel CLV bygger på segmentets kundbehållning, köp, ordervärde och bruttomarginal. Där de två skiljer sig åt är det den enkla modellens konstanta kundbehållning som bör ifrågasättas. Inom parentes: 90 %-intervallet utifrån osäkerheten i de skattade parametrarna (parametrisk bootstrap med 200 dragningar); det täcker inte ett felaktigt modellval, som testperioden nedan prövar.
data-choice-setting = { $segment }: { $model }, som project.yaml anger.
data-choice-holdout = { $segment }: { $model }, minst fel i testperioden av { $candidates } modeller: { $error } köp per kund (kvadratiskt medelfel); nästa { $next }.
data-choice-bic = { $segment }: { $model }, lägst BIC av { $candidates } modeller (ingen testperiod att bedöma dem på).
data-validation-title = Hur väl modellerna förutsäger
data-validation-note = Varje modell anpassades till transaktionerna fram till kalibreringsdagen och fick förutsäga hur ofta samma kunder skulle köpa veckorna efter; prickarna är vad de gjorde. En modell som följer prickarna är en modell vars siffror ovan kan användas om framtiden; där linjerna ligger över varandra är skillnaden mellan modellerna liten.
data-holdout-sentence = { $segment }: { $model } förutsade { $predicted } återköp under testperioden på { $weeks } veckor, faktiskt { $actual }: { $error }.
chart-tracking = { $segment }: återköp under testperioden, ackumulerat
desc-tracking = Ackumulerade återköp vecka för vecka efter kalibreringsdagen, som varje modell förutsade dem och som de faktiskt skedde. Förutsagt totalt:
cap-tracking = { $segment }: { $actual } återköp under testperioden; { $model } förutsade { $predicted }.
chart-tracking-x = Vecka i testperioden
chart-tracking-y = Återköp, ackumulerat
chart-by-frequency = { $segment }: köp under testperioden efter köp före
desc-by-frequency = Genomsnittligt antal återköp under testperioden för kunder grupperade efter sina återköp före kalibreringsdagen, förutsagt och faktiskt. Faktiska genomsnitt:
cap-by-frequency = Kunder som köpte oftare före köper oftare efter; linjerna är varje modells prognos, prickarna det faktiska.
chart-by-frequency-x = Återköp före kalibreringsdagen
chart-by-frequency-y = Genomsnittligt antal köp i testperioden
legend-actual = Faktiskt
th-p-alive = Snitt P(aktiv)
th-expected-purchases = Förväntade köp nästa år
th-model-clv = Modellens CLV
th-simple-clv = Enkel CLV
th-difference = Skillnad
data-not-fitted = Inte skattade, så de siffror som bygger på dem är utelämnade:
data-no-fit-too-few = { $customers ->
        [one] { $customers } kund
       *[other] { $customers } kunder
    }, och modellen behöver minst { $needed }
data-no-fit-too-few-repeat = { $customers ->
        [one] { $customers } kund
       *[other] { $customers } kunder
    } med återköp, och modellen behöver minst { $needed }
data-no-fit-no-repeat = ingen kund har köpt två gånger, så det finns ingen köpfrekvens att skatta
data-no-fit-nobody-lost = ingen kund har lämnat, så det finns inget kundbortfall att skatta
data-no-fit-same-churn = kunderna skiljer sig inte åt i kundbortfall: kundbehållningen ligger kvar på { $retention }, som den enkla CLV:n antar
data-no-fit-not-converged = skattningen stabiliserades inte inom { $iterations } iterationer
data-no-fit-not-identified-parameter = data kan inte bestämma parametern { $parameter }: dess standardfel är mer än { $bound } gånger dess värde
data-no-fit-not-identified = data kan inte bestämma parametrarna: likelihoodfunktionen faller inte i alla riktningar från sitt maximum
data-no-fit-no-prediction = den ger ingen prognos för vissa kunder och kan därför inte prövas
data-no-p-alive = { $segment } — { $model } ger ingen P(aktiv) för { $customers ->
        [one] { $customers } kund (dess serie kan inte summeras för den)
       *[other] { $customers } kunder (dess serie kan inte summeras för dem)
    }, så segmentets genomsnittliga P(aktiv), förväntade köp och modellens CLV är utelämnade, och P(aktiv)-diagrammet visar bara de övriga.
data-tenure-title = Kundbehållning efter kundrelationens längd
data-tenure-note = Den förskjutna beta-geometriska modellen: varje kund har sin egen risk att säga upp avtalet vid varje förnyelse, så kundbehållningen stiger ju längre kundrelationen har varat, eftersom de som är mest benägna att lämna försvinner först. Punkterna är de observerade andelarna, linjerna modellen.
data-tenure-data = från datan
data-tenure-typed = inskriven kurva
th-retention-by-renewal = Kundbehållning vid förnyelse 1–5
th-sbg-clv = CLV med denna kurva
th-parameters = Parametrar
th-model = Modell
chart-cohorts = Andel av varje kohort som köper per år: { $segment }
desc-cohorts = En linje för var och en av { $cohorts } kohorter efter första köp: andelen av kohortens kunder som köpte under varje följande kalenderår.
chart-cohorts-x = År efter året för första köp
chart-cohorts-y = Andel av kohorten som köper
chart-p-alive = Kunder efter sannolikhet att fortfarande vara aktiva
desc-p-alive = Andelen av varje segments kunder i varje tiondel av P(aktiv), köpmodellens sannolikhet att kunden inte i tysthet har fallit bort.
chart-p-alive-y = Andel av kunderna
chart-tenure = Kundbehållning efter kundrelationens längd
desc-tenure = Kundbehållning vid varje förnyelse: observerade andelar som grå punkter, den förskjutna beta-geometriska modellen som linjer.
chart-tenure-x = Förnyelse (år som kund)
chart-tenure-y = Kundbehållning

## Programalternativ (options/*.yaml)
options-title = Programalternativ
options-base = Grundscenario
options-verdict = { $best } har högst genomsnittligt nettonuvärde i simuleringen ({ $npv }); { $safe } har lägst nedsiderisk (P10: { $p10 }).
options-verdict-same = { $option } har både högst genomsnittligt nettonuvärde i simuleringen ({ $npv }) och lägst nedsiderisk (P10: { $p10 }).
options-note = Varje alternativ är grundscenariot där de val som anges i alternativets fil har ändrats (fokussegment, hävstänger, infasning, investering), beräknat med samma formler, simuleringar och startvärde. NPV avser det förväntade scenariot; genomsnittligt NPV, P10 och P90 kommer från simuleringen; sannolikheten avser målet på { $target } för alternativets egna fokussegment.
options-base-mid = grundscenariot
th-roi = ROI
th-investment-pv = Investering, nuvärde
th-payback = Åter­betalningstid
th-option = Alternativ
th-npv-likely = NPV, förväntat
th-expected-npv = Genomsnittligt NPV (simulerat)
th-npv-range = NPV P10 – P90
th-chance = Sannolikhet för mål

## Prenumerationssegment (monthly_price, monthly_churn)
subscription-payments = 12 (månadsvis)
subscription-price = { $price } i månaden
subscription-churn = { $churn } uppsägningar i månaden
der-monthly-price = månadspris
der-monthly-churn = c = uppsägningar per månad
lever-monthly_price = Månadspris
lever-monthly_churn = Uppsägningar per månad

## Assets for the slide deck (build --assets)
sheet-touchpoint-gaps = Gap i kontaktpunkter
sheet-problem-areas = Problemområden
sheet-problem-areas-from-data = Problemområden från data
sheet-cash-flows = Kassaflöden
sheet-initiatives = Initiativ
sheet-market-gaps = Gap per marknad
th-resource-share = Andel av resurser
th-importance-share = Andel av betydelse
th-uplift-low = Ökning, låg
th-uplift-likely = Ökning, förväntad
th-uplift-high = Ökning, hög
th-npv-p10 = NPV P10
th-npv-p90 = NPV P90
th-payback-months = Återbetalning, månader

## Från gap i kundresan till pengar (initiativ i journey.yaml)
section-initiatives = Från gap i kundresan till pengar
th-initiative = Initiativ
th-initiative-value = Värde
th-initiative-cost = Kostnad, nuvärde
th-net-value = Nettovärde
th-per-krone = Värde per krona
th-funded = I investeringen
initiative-funded = ja
initiative-action-add = Lägg till
initiative-action-improve = Förbättra
initiative-action-reduce = Minska
initiative-action-stop = Avveckla
initiative-payback = år { $year }
initiative-payback-never = inte inom { $years } år
initiatives-attribution = { $count ->
    [one] Ett initiativ bär
   *[other] { $count } initiativ bär
} { $attributed } av den förväntade värdeökningen på { $whole }; { $unattributed } ({ $share }) tillskrivs inget initiativ: den del av hävstängernas effekt som inget initiativ gör anspråk på.
initiatives-note = Värde: initiativets andel av varje hävstång det flyttar, gånger hävstångens Shapley-värde i segmentets förväntade värdeökning. Kostnad: engångsbelopp plus löpande kostnad (timmar till timpriset) som nuvärde; negativ när initiativet frigör mer än det kostar. Sorterat efter nettovärde.
initiatives-not-funded = Varje initiativs värde ingår i programmets värdeökning, men ingen investeringspost finansierar { $count ->
    [one] detta initiativ, så dess kostnad
   *[other] dessa initiativ, så deras kostnader
} ingår inte i nettonuvärdet: { $names }.
initiatives-reallocation = Att minska och avveckla kontaktpunkter frigör { $hours } timmar och { $budget } om året, { $freed } om året med timmarna till { $rate } i timmen: { $share } av de { $needed } om året som de nya och förbättrade kontaktpunkterna kostar i drift. Det som frigörs räknas inte in i nettonuvärdet.
initiatives-reallocation-nothing-needed = Att minska och avveckla kontaktpunkter frigör { $hours } timmar och { $budget } om året, { $freed } om året med timmarna till { $rate } i timmen; de övriga initiativen har ingen löpande kostnad. Det som frigörs räknas inte in i nettonuvärdet.
initiatives-reallocation-nothing-freed = Initiativen frigör varken timmar eller budget: de { $needed } om året som de nya och förbättrade kontaktpunkterna kostar i drift är ny kostnad.
chart-initiatives = Värde mot kostnad, per initiativ
chart-initiatives-x = Kostnad, nuvärde ({ $currency })
chart-initiatives-y = Värde, förväntat ({ $currency })
chart-initiatives-break-even = nollpunkt: värde = kostnad
desc-initiative = { $number } { $name }: värde { $value }, kostnad { $cost }
cap-initiatives = { $count } av { $total } initiativ som kostar pengar ger mer tillbaka än de kostar: de ovanför linjen. Nummer som i tabellen.
cap-initiatives-none = Inget initiativ kostar pengar: vart och ett frigör mer än det kostar. Nummer som i tabellen.
th-initiatives-value = Initiativens värde
journey-initiatives-value-note = Initiativens värde: värdet av initiativen på kontaktpunkten (se "Från gap i kundresan till pengar"); ett initiativ på flera kontaktpunkter delas lika mellan dem.
doubt-reduces-important = "{ $initiative }" minskar "{ $touchpoint }", som kunderna bedömer till { $importance } av 5, på eller över den genomsnittliga vikten: är insatsen verkligen för stor?
der-initiative = Värde, kostnad och nettovärde för "{ $name }"
der-initiative-formula = värde = Σ andel × hävstångens värde; kostnad = engångsbelopp + (årligt + timmar × timpris) × Σ (1+d)^−t, t = 1..H; nettovärde = värde − kostnad
der-initiative-result = värde { $value } − kostnad { $cost } = nettovärde { $net }
der-initiative-share = andel av { $lever }
der-initiative-lever-value = Shapley-värde för { $lever }
der-initiative-lever-source = Shapley-värde, se metoden
der-initiative-one-off = engångsbelopp
der-initiative-annual = årligt, utöver timmarna
der-initiative-hours = timmar om året
der-initiative-rate = timpris
method-initiatives = Initiativets värde
method-initiatives-words = En hävstångs värde i ett segment är dess Shapley-värde (Shapley 1953): dess marginella bidrag till den förväntade värdeökningen i genomsnitt över alla 24 ordningar som de fyra hävstängerna kan slås på i, så att de fyra summerar till segmentets värdeökning och inget samspel räknas två gånger. Ett initiativ är värt sina andelar av hävstängerna det levererar; återbetalningen avläses ur årliga värden framtagna på samma sätt.

## Marknader sida vid sida (markets och by_market i journey.yaml)
journey-markets = Marknader sida vid sida
chart-ipa-markets = Vikt mot prestation, per marknad
chart-ipa-markets-x = Prestation (1–5)
chart-ipa-markets-y = Vikt (1–5)
desc-ipa-market = { $market }: hårkors vid genomsnittlig vikt { $importance } och genomsnittlig prestation { $performance }; "Koncentrera insatserna här": { $numbers }.
cap-ipa-markets = Varje marknad bedömd för sig, numrerad som i gaplistan: där en kontaktpunkt flyttar sig mellan panelerna behöver marknaderna olika åtgärder.
journey-markets-disagree = De kontaktpunkter vars prioritet eller åtgärd skiljer sig mest mellan marknaderna: prioritet · åtgärd i varje marknad.
th-market-priority = { $market }
th-priority-spread = Skillnad
journey-markets-overall = Totalt
touchpoint-market-scores = { $market }: vikt { $importance }, prestation { $performance }
touchpoint-market-absent = { $market }: vikt { $importance }, inte närvarande

## The path to a loyal customer (data section)
loyalty-title = Vägen till en lojal kund
loyalty-note = Nya kunder — inget köp under de { $lapse } dagarna med data före det första — vars första { $window } dagar alla har observerats, efter det steg de nådde inom de { $window } dagarna: första köp, återköp, stamkund och lojal vid köpdag { $purchases }. Konvertering är andelen av steget före. Återvunna: av kunderna med ett uppehåll på mer än { $lapse } dagar mellan köp eller före observationsperiodens slut, de som köpte igen efter ett sådant uppehåll.
loyalty-median-day = median dag { $day }
loyalty-win-back = { $returned } av { $lapsed } ({ $share })
loyalty-bottleneck = { $segment }: vägen bryts mest från { $from } till { $to }: { $conversion } går vidare, mot { $all } i alla segment och { $best } i { $best_segment }. Med lika god konvertering skulle { $customers ->
        [one] ytterligare { $customers } av de { $at_from } kunderna
       *[other] { $customers } fler av de { $at_from } kunderna
    } i steget { $from } ha nått { $to }, värt { $value } i täckningsbidrag inom deras första { $window } dagar.
loyalty-bottleneck-best = { $segment }: det svagaste steget mätt mot alla segment är från { $from } till { $to } ({ $conversion }, alla segment { $all }), och inget segment med tillräckligt många kunder konverterar bättre där.
th-loyalty-eligible = Kunder som räknas
th-win-back = Återvunna
stage-first_purchase = Första köp
stage-repeat = Återköp
stage-regular = Stamkund
stage-loyal = Lojal
stage-purchase-day = köpdag { $n }
chart-loyalty-path = Vägen till en lojal kund: { $segment }
cap-loyalty-path = { $segment }: { $share } av de nya kunderna blir lojala inom perioden; vägen bryts mest från { $from } till { $to }.
desc-loyalty-stage = { $stage }: { $customers ->
        [one] { $customers } kund
       *[other] { $customers } kunder
    } ({ $share })
th-stage = Steg
th-purchase-day = Köpdag
th-conversion = Konvertering
th-median-days = Median dagar
cap-loyalty-path-best = { $segment }: { $share } av de nya kunderna blir lojala inom perioden; inget segment med tillräckligt många kunder konverterar bättre i det svagaste steget.

## Win/loss over time
winloss-periods-note = winloss.yaml anger siffrorna per period; siffrorna ovan gäller alla perioder tillsammans.
winloss-trend-title = Vunna och förlorade kunder och merförsäljning över tid
winloss-trend-note = { $segment }: förhållandet mellan vunna och förlorade { $ratio } i { $last }, { $ratio_last } mot { $before } och { $ratio_span } sedan { $first }; merförsäljningsandel { $upsell } ({ $upsell_last } och { $upsell_span }).
chart-winloss-trend = Förhållandet mellan vunna och förlorade kunder och merförsäljningsandelen per period
chart-winloss-trend-x = Period
cap-winloss-trend = Varje segments förhållande mellan vunna och förlorade kunder (vunna per förlorad kund) och merförsäljningsandel, period för period från { $first } till { $last }.
th-period = Period
loyalty-bottleneck-unvalued = { $segment }: vägen bryts mest från { $from } till { $to }: { $conversion } går vidare, mot { $all } i alla segment och { $best } i { $best_segment }. Med lika god konvertering skulle { $customers ->
        [one] ytterligare { $customers } av de { $at_from } kunderna
       *[other] { $customers } fler av de { $at_from } kunderna
    } i steget { $from } ha nått { $to }; vad det är värt kan inte mätas, eftersom segmentet inte har kunder på båda sidor av steget.
loyalty-left-out = { $before } före data, { $recent } för nya
th-loyalty-left-out = Inte med
cap-winloss-trend-more = Diagrammet visar de första { $shown } av de { $count } segment som räknas per period; tabellen visar alla.
stage-integrated = Integrerad
stage-categories = { $n } varugrupper
loyalty-note-integrated = Integrerad: lojal, och har köpt från minst { $categories } varugrupper inom samma { $window } dagar (en varugrupp räknas med en rad över noll: en retur är inget köp); nådd den senare av de två dagarna.
economics-data-problems = Bedömt utifrån data: låg produktintegration
data-problems-note = Integrerad: lojal och köper från minst { $categories } varugrupper inom de första { $window } dagarna. Värdet som står på spel är täckningsbidraget inom de { $window } dagarna som { $customers ->
        [one] ytterligare { $customers } integrerad kund
       *[other] { $customers } fler integrerade kunder
    } skulle ha gett utöver vad de gav som enbart lojala kunder — kunderna i data sammantaget, inte ett kundlivstidsvärde, så det rangordnas inte med problemområdena ovan. Det jämför kunder; det bevisar inte att försäljning av fler varugrupper ger det extra täckningsbidraget.
summary-data-problem-item = { $current } av de lojala nya kunderna blev integrerade, mot { $benchmark } i { $best_segment }; i den takten skulle de ha gett { $value } mer i täckningsbidrag inom de första { $window } dagarna (alla nya kunder i data sammantaget; inte ett kundlivstidsvärde)
th-additional = Fler integrerade
th-categories = Varugrupper
th-loyal-to-integrated = Lojal → integrerad
th-best-segment = Bästa segment
