# Dansk katalog for uplift-rapporten. Alle kataloger har præcis de samme id'er som det engelske.

## Formater (CLDR-konventioner omkring tal formateret af ICU4X)
fmt-money = { $amount } { $symbol }
currency-DKK = kr.
fmt-money-millions = { $amount } mio. { $symbol }
fmt-money-thousands = { $full }
fmt-percent = { $value } %
fmt-points = { $value } %-point
fmt-above = >{ $value }
fmt-below = <{ $value }
fmt-date = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = marts
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mar.
month-short-4 = apr.
month-short-5 = maj
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = dec.
not-available = –

## Forside og indhold
cover-date = Dato
cover-prepared-by = Udarbejdet af
cover-currency = Valuta
cover-currency-value = { $currency }, nutidsværdier over { $years } år
cover-version = Version
version-clean = { $commit }, { $date }
version-dirty = { $commit }, { $date } (udkast)
cover-logo = Logo for { $client }
contents = Indhold
page-footer = { $client } · { $title }

## Afsnitstitler
section-summary = Ledelsesresumé
section-business-case = Business case
section-economics = Segmentøkonomi
section-uplift = Værdiløft
section-journey = Kunderejse og gabanalyse
section-winloss-jobs = Vundne/tabte aftaler og jobs-to-be-done-analyse
section-winloss = Vundne og tabte aftaler
section-jobs = Kundens opgaver (jobs to be done)
section-appendix = Bilag

## Ledelsesresumé
headline-main = Øges værdien af et gennemsnitligt kundeforhold med { $uplift } i { $segments ->
    [one] fokussegmentet
   *[other] de { $segments } fokussegmenter
  }, giver det en nettonutidsværdi på { $npv } over { $years } år
headline-roi = ROI på { $roi }
headline-payback = tjent hjem i løbet af år { $year }
headline-no-payback = investeringen tjenes ikke hjem inden for tidshorisonten
headline-nothing-invested = intet investeret, så intet at tjene hjem
headline-chance = { $chance } sandsynlighed for at nå målet på { $target }
card-uplift = Værdiløft pr. kundeforhold
card-uplift-note = fokussegmenter, forventet; lav { $low } – høj { $high }
card-npv = Nettonutidsværdi (NPV)
card-npv-note = efter en investering på { $pv } (nutidsværdi)
card-roi = Investeringsafkast (ROI)
card-roi-note = nettonutidsværdi ÷ investeringens nutidsværdi
card-payback = Tilbagebetalingstid
card-payback-value = år { $year }
card-payback-never = nås ikke
card-payback-nothing = ingen investering
card-payback-note = første år, hvor den akkumulerede tilbagediskonterede nettopengestrøm er ≥ 0; pengestrømme regnet ved årets udgang
card-chance = Sandsynlighed for at nå målet
card-chance-note = { $draws } simulerede udfald, løftestængernes korrelation ρ = { $rho } (uafhængige: { $independent }; i takt: { $lockstep })
card-chance-note-plain = { $draws } simulerede udfald
summary-problems = De største problemområder
summary-problem-item = { $value } står på spil ({ $driver } { $current } mod { $benchmark })
summary-gaps = De største gab i berøringspunkterne
summary-gap-item = vigtighed { $importance }, præstation { $performance }
summary-next = Næste skridt
next-validate = Valider de bagvedliggende årsager til { $problem } i { $segment }, før der investeres: { $value } i kundeværdi står på spil.
next-add = Tilføj det, kunderne værdsætter, men som vi ikke tilbyder i dag: { $names }.
next-invest = Invester, hvor vigtigheden er høj og leverancen svag: { $names }.
next-reduce = Frigør ressourcer fra berøringspunkter, der kræver mere indsats, end de giver kunderne: { $names }.

## Business case
bc-challenge = Udfordring og mulighed
bc-approach = Tilgang
bc-expected-value = Forventet værdi
bc-investment = Investering
th-item = Post
th-serves = Rettet mod
th-one-off = Engangsomkostning
th-annual = Årlig
th-present-value = Nutidsværdi
investment-programme-wide = Hele programmet
investment-total = I alt
bc-risks = Risici
risk-matrix-caption = Sandsynlighed × konsekvens; numrene henviser til risikolisten
risk-matrix-corner = Konsekvens ↓ / sandsynlighed →
th-risk-score = S × K
th-risk = Risiko
th-mitigation = Tiltag

## Segmentøkonomi
th-segment = Segment
th-customers = Kunder
th-purchases = Køb pr. år
th-order-value = Ordreværdi
th-margin = Margin
th-retention = Fastholdelse
th-clv = CLV
th-cac = CAC
tag-focus = fokus
economics-problems = Problemområder, rangeret efter den værdi, der står på spil
problems-at-benchmark = { $count ->
    [one] Ét segmenttal når eller slår sin referenceværdi: der er ingen værdi på spil, så det er ikke med i listen.
   *[other] { $count } segmenttal når eller slår deres referenceværdi: der er ingen værdi på spil, så de er ikke med i listen.
}
th-problem = Problemområde
th-today = I dag
th-benchmark = Referenceværdi
th-value-at-stake = Værdi på spil
benchmark-source-segment = segment
benchmark-source-project = projekt
not-scored = Ikke vurderet, da der mangler en referenceværdi: { $list }.
economics-krone = Hvad giver en krone?
th-annual-margin = Årligt dækningsbidrag pr. kunde
th-value-per-acquisition = CLV pr. rekrutteringskrone
th-value-per-loyalty = Værdiløft pr. loyalitetskrone

## Værdiløft
th-clv-today = CLV i dag
th-low = Lav
th-likely = Forventet
th-high = Høj
th-uplift-scenarios = Løft (lav / forventet / høj)
th-value-uplift-likely = Værdiløft, forventet
bridge-note = Løftestængerne påvirker hinanden, så værdibroen lægger dem til i en fast rækkefølge (fastholdelse, købsfrekvens, ordreværdi, margin); trinene summerer præcist til totalen.
simulation-note = { $draws } simulerede udfald: nettonutidsværdi P10 { $p10 }, P50 { $p50 }, P90 { $p90 }; programmets løft P10 { $uplift_p10 } til P90 { $uplift_p90 }; { $probability } af udfaldene når målet på { $target }.
simulation-rho = { $rho_value ->
    [0] Løftestængerne simuleres uafhængigt af hinanden (ρ = 0).
    [1] Løftestængerne simuleres i takt (ρ = 1): alle løftestænger ligger på samme percentil i hvert udfald.
   *[other] Løftestængerne simuleres, så de følges ad med korrelationen ρ = { $rho }: er programmet forsinket, er det forsinket for alle løftestænger.
  }
simulation-sensitivity = De samme udfald med uafhængige løftestænger (ρ = 0): nettonutidsværdi P10 { $p10_independent } til P90 { $p90_independent }, { $probability_independent } når målet; med løftestænger i takt (ρ = 1): P10 { $p10_lockstep } til P90 { $p90_lockstep }, { $probability_lockstep } når målet.

## Kunderejse
journey-goal = Vores mål
journey-needs = Kundens behov
journey-notes = Noter fra workshops
journey-gaps = Gab i berøringspunkter, rangeret
journey-gaps-more = De { $count } berøringspunkter med lavere prioritet står i den fulde udgave.
th-touchpoint = Berøringspunkt
th-phase = Fase
th-importance = Vigtighed
th-performance = Præstation
th-priority = Prioritet
th-cost = Omkostning pr. år
th-resources-importance = Ressourcer / vigtighed
th-quadrant = Kvadrant
th-action = Handling
touchpoint-scores = V { $importance } · P { $performance }

## Vundne/tabte kunder og kundens opgaver
winloss-title = Vundne og tabte aftaler pr. segment
th-won = Vundne
th-lost = Tabte
th-win-rate = Andel vundne
th-win-loss-ratio = Forhold vundne/tabte
th-upsell-ratio = Mersalgsandel
th-top-won = Hyppigste årsag til vundne aftaler
th-top-lost = Hyppigste årsag til tabte aftaler
jobs-title = Kundens opgaver (jobs to be done)
th-job = Opgave
th-satisfaction = Tilfredshed
th-opportunity = Mulighedsscore
th-assessment = Vurdering
jobs-all-segments = Alle

## Bilag
appendix-workshops = Workshops
th-workshop = Workshop
th-date = Dato
th-market = Marked
th-participants = Deltagere
th-journey-phases = Faser i kunderejsen
appendix-derivations = Sådan er hvert nøgletal beregnet
th-input = Inddata
th-value = Værdi
th-source = Kilde
derived-below = beregnet nedenfor
appendix-methodology = Metode
th-figure = Nøgletal
th-formula = Formel
th-in-words = Forklaring
appendix-assumptions = Alle forudsætninger
th-file = Fil
th-field = Felt
appendix-model-parameters = Modellernes parametre
appendix-model-parameters-note = Parametrene som i artiklerne (BG/NBD og Gamma-Gamma: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein, Morrison & Colombo 1987; MBG/NBD: Batislam, Denizel & Filiztekin 2007; sBG: Fader & Hardie 2007), med tid i dage for købsmodellerne og i fornyelser for sBG. I parentes: hver parameters standardfejl, ud fra likelihoodfunktionens krumning ved estimatet (sBG-estimatet angiver ingen).
appendix-doubts = Tal at efterprøve før præsentationen
appendix-doubts-note = Inddata er gyldige, men resultaterne vil give anledning til spørgsmål: begrund dem, eller gennemgå inddata igen.
doubt-retention = fastholdelsen i { $segment } når { $retention } i det høje scenarie: næsten ingen kunde ville nogensinde falde fra
doubt-uplift = det forventede løft i { $segment } er { $uplift }: kunderne ville blive mere end dobbelt så værdifulde
doubt-stake = { $problem } i { $segment } sætter { $stake } på spil, mere end segmentets samlede kundeværdi i dag ({ $value }): er referenceværdien sammenlignelig?
doubt-benchmark = referenceværdien for { $driver } i { $segment } ({ $benchmark }) afviger mere end 50 % fra segmentets eget tal ({ $current }): er der tale om samme type kunder?
doubt-npv = den forventede nettonutidsværdi ({ $npv }) er { $times } gange investeringen ({ $investment }): er alle programmets omkostninger medregnet?
doubt-probability = sandsynligheden for at nå målet er { $probability }: målet er enten givet på forhånd eller uden for rækkevidde
appendix-sources = Kilder
th-bytes = Byte

## Værdidrivere, problemområder, kvadranter, handlinger, vurdering af opgaver
lever-retention_rate = Fastholdelse
lever-purchases_per_year = Købsfrekvens
lever-average_order_value = Ordreværdi
lever-gross_margin = Bruttomargin
problem-retention_rate = Korte kundeforhold
problem-purchases_per_year = Få køb
problem-average_order_value = Små køb
problem-gross_margin = Dårlige marginer
problem-product_integration = Lav produktintegration
quadrant-concentrate_here = Fokuser her
quadrant-keep_up_the_good_work = Fortsæt det gode arbejde
quadrant-low_priority = Lav prioritet
quadrant-possible_overkill = Mulig overinvestering
action-invest = Invester
action-keep = Oprethold
action-reduce = Reducer
action-add = Tilføj
job-extremely_under_served = Stærkt underdækket
job-under_served = Underdækket
job-over_served = Overdækket
job-served = Dækket

## Diagrammer
chart-timeline = Programmets tidsplan
chart-clv = Kundelivstidsværdi pr. segment, i dag og pr. scenarie
chart-clv-axis = CLV pr. kunde ({ $currency })
chart-today = I dag
chart-bridge = Værdibro: gennemsnitlig kundeværdi i fokussegmenterne, fra i dag til forventet
chart-bridge-axis = CLV pr. kunde ({ $currency }); aksen starter ved { $floor }
chart-projected = Fremskrevet
chart-payback = Akkumuleret tilbagediskonteret værdi over for investering (forventet scenarie)
chart-payback-x = År fra programstart
chart-payback-y = Akkumuleret, tilbagediskonteret ({ $currency })
chart-value-uplift = Værdiløft
chart-investment = Investering
chart-payback-point = Tjent hjem: udgangen af år { $year }
th-year = År
th-cf-investment = Investering
th-cf-value = Værdiløft
th-cf-net = Netto
th-cf-discounted = Tilbagediskonteret netto
th-cf-cumulative = Akkumuleret, tilbagediskonteret
cash-flows-note = Forventet scenarie. År 0 er engangsinvesteringen; dækningsbidrag og løbende omkostninger bogføres ved udgangen af hvert år, som i CLV. De tilbagediskonterede nettopengestrømme summerer til nettonutidsværdien; det fremhævede år er det første, hvor den akkumulerede tilbagediskonterede nettopengestrøm er mindst nul, dvs. det år, investeringen er tjent hjem.
chart-npv = Programmets nettonutidsværdi på tværs af simulerede udfald
chart-npv-x = Programmets nettonutidsværdi ({ $currency })
chart-npv-y = Andel af simuleringer
chart-npv-target = { $chance } af udfaldene når målet om et løft på { $target }
chart-tornado = Hvad påvirker nettonutidsværdien mest: hver løftestang fra lav til høj, de øvrige på forventet niveau
chart-acquisition = Værdi pr. krone: rekruttering over for loyalitet
chart-acquisition-axis = Kundeværdi pr. investeret { $currency }
chart-acquisition-series = Rekruttering: CLV ÷ CAC
chart-loyalty-series = Loyalitet: værdiløft ÷ investering
chart-ipa = Vigtighed over for præstation pr. berøringspunkt
chart-ipa-x = Præstation: hvor godt vi leverer i dag (1–5)
chart-ipa-y = Vigtighed for kunden (1–5)
chart-not-present = ikke til stede i dag
chart-resources = Andel af ressourcer over for andel af vigtighed
chart-resources-x = Andel af alle berøringspunkter
chart-resources-series = Andel af ressourcer (budget + timer)
chart-importance-series = Andel af vigtighed for kunderne
chart-pareto = Hvorfor vi mister kunder: årsager på tværs af alle segmenter
chart-pareto-other = { $count } andre årsager
chart-pareto-y = Tabte aftaler, der nævner årsagen
chart-jobs = Mulighedslandskab: kundens opgaver
chart-jobs-x = Tilfredshed med nuværende løsninger (0–10)
chart-jobs-y = Opgavens vigtighed (0–10)
chart-under-served = underdækket

## Diagrambeskrivelser (til skærmlæsere og billedtekster)
desc-timeline-item = { $activity }: { $start } til { $end }
desc-clv-item = { $segment }: i dag { $today }, forventet { $likely }
desc-bridge = I dag { $start }, { $steps }, fremskrevet { $end } pr. kunde.
desc-payback = Akkumuleret værdiløft { $value } og investering { $investment } efter { $years } år.
desc-payback-never = Programmet tjener sig ikke hjem inden for tidshorisonten.
desc-npv = P10 { $p10 }, P50 { $p50 } og P90 { $p90 } ud fra { $draws } simuleringer.
desc-tornado-item = { $lever } fra { $low } til { $high }
desc-acquisition-item = { $segment }: rekruttering { $acquisition }, loyalitet { $loyalty }
desc-ipa = { $count } berøringspunkter. Akserne krydser ved gennemsnitlig vigtighed { $importance } og gennemsnitlig præstation { $performance }. Numrene henviser til den rangerede liste over gab.
desc-resources-item = { $touchpoint }: { $resources } af ressourcerne, { $importance } af vigtigheden
desc-jobs = { $count } opgaver; numrene henviser til den rangerede liste. Skraveret: underdækket (mulighedsscore ≥ 10), mørkere: stærkt underdækket (≥ 15).

## Figurtekster: hvad figuren viser, og det ene, man skal tage med sig
cap-timeline = Programmet løber fra { $start } til { $end }; hver bjælke er én aktivitet.
cap-acquisition = I { $count } af { $total } segmenter giver penge brugt på at fastholde kunder et højere afkast end penge brugt på at vinde nye.
cap-clv = Den største gevinst pr. kunde ligger i { $segment }: { $uplift } i det forventede scenarie.
cap-bridge = { $lever } står for den største del af løftet pr. kunde: { $share }.
cap-bridge-none = Løftestængerne tilfører ingen værdi pr. kunde i fokussegmenterne.
cap-payback = I det forventede scenarie er programmet tjent hjem ved udgangen af år { $year }.
cap-payback-never = I det forventede scenarie er programmet ikke tjent hjem inden for { $years } år.
cap-npv = I ni ud af ti simulerede udfald er nettonutidsværdien over { $p10 }; { $chance } af dem når målet om et løft på { $target }.
cap-tornado = Nettonutidsværdien afhænger mest af { $lever } i { $segment }: fra { $low } til { $high } mellem det lave og det høje skøn.
cap-ipa = { $count } af { $total } berøringspunkter ligger i »Fokuser her«: vigtige for kunderne og leveret under gennemsnittet.
cap-resources = { $count } af { $total } berøringspunkter får en større andel af ressourcerne end af vigtigheden; { $touchpoint } mest.
cap-resources-none = Intet berøringspunkt får en større andel af ressourcerne end af vigtigheden.
cap-pareto = { $count } af { $total } årsager forklarer { $share } af de tabte aftaler: tag fat i dem først.
cap-pareto-none = Der er ikke registreret tabte aftaler.
cap-jobs = { $under } af { $count } opgaver er underdækkede (mulighedsscore 10 eller mere): her er der plads til at slå de nuværende løsninger.
cap-cohorts = { $segment }: af kunderne, der købte første gang i { $year }, købte { $share } igen det følgende kalenderår.
desc-cohorts-item = { $year }: { $shares }
cap-p-alive = I { $segment } er { $share } af kunderne snarere faldet fra end ikke (P(aktiv) under 50 %).
desc-p-alive-item = { $segment }: { $shares }
desc-p-alive-item-left-out = { $segment }: { $shares } (andele af kunderne med en P(aktiv): yderligere { $customers } har ingen)
cap-tenure = I { $segment } stiger fastholdelsen fra { $first } ved første fornyelse til { $last } ved fornyelse { $renewal }: de kunder, der er tilbøjelige til at forlade os, går først.
desc-tenure-item = { $segment }: { $shares }

## Beregninger
der-uplift = Løft af et gennemsnitligt kundeforhold (forventet)
der-uplift-formula = Σ fokus N · CLV′ / Σ fokus N · CLV − 1
der-clv-pair = CLV → CLV′, { $segment }
der-pv = Investeringens nutidsværdi
der-pv-formula = PV = Σ engangsbeløb + Σ årligt beløb · Σ (1+d)^−t, t = 1..H
der-pv-item = { $once } én gang, { $annual } om året
der-npv = Nettonutidsværdi (forventet)
der-npv-formula = NPV = Σ segmenter N · (CLV′ − CLV) − PV
der-value-uplift = Værdiløft, { $segment }
der-pv-input = Investeringens nutidsværdi (PV)
der-roi = Investeringsafkast, ROI (forventet)
der-payback = Tilbagebetalingstid (forventet)
der-payback-formula = første år, hvor den akkumulerede tilbagediskonterede nettopengestrøm (værdiløft − investering) er ≥ 0; pengestrømmene falder ved årets udgang, så der interpoleres ikke inden for et år
der-payback-year = år { $year }: værdi { $value } / investering { $investment }
der-payback-result = udgangen af år { $year }
der-payback-never = ikke inden for tidshorisonten
der-chance = Sandsynlighed for at nå målet
der-chance-formula = andel af simulerede udfald med programløft ≥ minimumsmål
der-chance-substituted = { $reached } / { $draws } (startværdi { $seed })
der-target-min = minimumsmål
der-draws = simuleringer
der-seed = startværdi
der-lever-correlation = løftestængernes korrelation ρ
der-clv = Kundelivstidsværdi, { $segment }
der-clv-formula = CLV = f · v · m × Σ (r / (1+d))^t, t = 1..H; med indfasning er CLV′ = Σ Mₜ · (r₁ · … · rₜ) / (1+d)^t, hvert års drivere med løftestængerne ved årets andel
der-ramp-up = indfasning
der-today = i dag
der-likely = forventet
der-lever = Δ { $lever } (forventet)
der-currency = valuta

## Metode
method-margin = Årligt dækningsbidrag pr. kunde
method-margin-words = Antal køb om året gange gennemsnitlig ordreværdi gange bruttomargin: det, én kunde bidrager med på et år.
method-clv = Kundelivstidsværdi
method-clv-words = En kunde, der stadig er hos os efter t år (sandsynlighed r^t), bidrager med M det år; en krone på det tidspunkt er (1+d)^−t værd i dag. Dækningsbidraget medregnes ved udgangen af hvert år (Gupta & Lehmann).
method-projected = Fremskrevet værdi
method-projected-words = Programmets løftestænger lægger procentpoint til fastholdelse og margin og procent til købsfrekvens og ordreværdi; CLV′ er CLV beregnet med de justerede værdidrivere.
method-uplift = Programmets løft
method-uplift-words = Hvor meget mere et gennemsnitligt kundeforhold i fokussegmenterne er værd, vægtet med antallet af kunder.
method-pv = Investeringens nutidsværdi
method-pv-words = Engangsomkostninger afholdes ved start, årlige omkostninger ved udgangen af hvert år og tilbagediskonteres som dækningsbidragene.
method-npv = Nettonutidsværdi og ROI
method-npv-words = Den værdi, der skabes i alle segmenter, fratrukket programmets omkostninger – begge opgjort i nutidsværdi.
method-payback = Tilbagebetalingstid
method-payback-notation = første t med Σ (værdiløft − investering)ₖ · (1+d)⁻ᵏ ≥ 0, summeret over k = 0…t
method-payback-words = Dækningsbidrag og løbende omkostninger falder ved hvert års udgang, som i CLV, så tilbagebetalingen aflæses af de årlige pengestrømme: udgangen af det første år, hvor den løbende sum dækker investeringen.
method-problems = Problemområder
method-problems-notation = N · (CLV med værdidriveren på referenceværdien − CLV)
method-problems-words = Den værdi, et segment går glip af på én værdidriver sammenlignet med referenceværdien; nul, hvis segmentet allerede lever op til den. Værdidrivere uden referenceværdi vurderes ikke.
method-uncertainty = Usikkerhed
method-uncertainty-notation = PERT(lav, forventet, høj), trukket gennem en gaussisk copula med én fælles programfaktor (løftestængernes korrelation ρ)
method-uncertainty-words = Hver usikker løftestang trækkes fra en PERT-fordeling; P10, P50 og P90 aflæses af de simulerede udfald, og sandsynligheden for at nå målet er andelen af udfald, der når det.
method-gap = Gab i berøringspunkter
method-gap-words = Analyse af vigtighed og præstation (Martilla & James): akserne krydser ved gennemsnitsscorerne; ressourcer er budget plus timer til timesatsen, sammenholdt med vigtigheden som andele.
method-winloss = Vundne og tabte aftaler
method-winloss-notation = andel vundne = vundne / (vundne + tabte); mersalgsandel = kunder med mersalg / kunder
method-winloss-words = Hvorfor aftaler vindes og tabes, pr. segment, med årsagerne rangeret efter hyppighed.
method-jobs = Kundens opgaver (jobs to be done)
method-jobs-words = Ulwicks mulighedsscore: 15 eller mere er stærkt underdækket, 10 eller mere underdækket; er tilfredsheden højere end vigtigheden, er opgaven overdækket.

## Forudsætninger
assumption-simulation = { $draws } simuleringer, startværdi { $seed }, løftestængernes korrelation ρ = { $rho }
ramp-up-none = ingen indfasning antaget: alle løftestænger har fuld effekt fra år 1
ramp-up-shares = indfasning: { $shares } af den fulde effekt i år 1, 2, …
assumption-acquisition = { $customers ->
        [one] { $customers } ny kunde
       *[other] { $customers } nye kunder
    } for { $spend } om året
assumption-benchmark-used = anvendt for { $segment }

## Ændringer siden en version
section-changes = Ændringer siden { $revision }
changes-none = Intet er ændret: forudsætningerne og alle tal er de samme.
changes-inputs = Forudsætninger
changes-figures = Nøgletal
changes-rankings = Ranglister
th-before = Før
th-after = Efter
th-change = Ændring
th-ranking = Rangliste
th-entry = Post
changes-added = tilføjet
changes-removed = fjernet
change-fig-programme_uplift = Programmets værdiløft (forventet)
change-fig-npv = Nettonutidsværdi (forventet)
change-fig-roi = Investeringsafkast, ROI (forventet)
change-fig-payback_months = Tilbagebetalingstid i måneder (forventet)
change-fig-probability_reaching_target = Sandsynlighed for at nå målet
change-fig-segment_clv = Kundelivstidsværdi, { $segment }
change-fig-integration_value_at_stake = Lav produktintegration, på spil, { $segment }
change-fig-segment_uplift = Værdiløft, { $segment } (forventet)
change-fig-option_npv = Nettonutidsværdi, alternativ { $segment }
change-ranking-problem_areas = Problemområder
change-ranking-touchpoint_gaps = Gab i berøringspunkter
change-ranking-jobs = Kundens opgaver (jobs to be done)
change-field-lever = Løftestang for { $lever } ({ $scenario })
change-field-customers = Kunder
change-field-focus = I fokus (1 = ja)
change-field-importance = Vigtighed
change-field-performance = Præstation
change-field-hours_per_year = Timer om året
change-field-budget_per_year = Budget om året
change-field-present = I kunderejsen i dag (1 = ja)
change-field-satisfaction = Tilfredshed
change-field-share = Andel af løftestangen { $lever } i { $segment }
change-field-market = { $market }: { $field }
change-field-one_off = Engangsomkostning
change-field-annual = Årlig omkostning ud over timerne
change-field-target_uplift-min = Mål for løft, nedre grænse
change-field-target_uplift-max = Mål for løft, øvre grænse
change-field-horizon_years = Tidshorisont i år
change-field-discount_rate = Diskonteringsrente
change-field-hourly_rate = Timepris
change-field-investment-one-off = Investering, engangsbeløb i alt
change-field-investment-annual = Investering, årligt i alt
change-entry-segments = Segment
change-entry-touchpoints = Berøringspunkt
change-entry-initiatives = Initiativ
change-entry-jobs = Opgave
change-entry-options = Programalternativ

## Hvad data siger
section-data = Hvad data siger
data-coverage = { $rows ->
        [one] { $rows } transaktionslinje
       *[other] { $rows } transaktionslinjer
    } fra { $files }: { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    }, der har købt mellem { $from } og { $to }.
data-skipped-title = Udeladte linjer:
data-skipped = { $rows ->
        [one] { $rows } linje
       *[other] { $rows } linjer
    } med { $reason }
data-returns-only = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } med kun returneringer (ingen dag med køb) er udeladt af kundetal og modeller.
data-figures-title = Data sammenholdt med de anvendte tal
data-figures-note = Aktive kunder har købt inden for de seneste 365 dage; køb, ordreværdi og bruttomargin gælder de samme 365 dage; fastholdelse er andelen af et års kunder, der køber igen året efter, opgjort samlet for de seneste hele år. Hvor et tal er indtastet, viser sidste kolonne afvigelsen fra data.
th-from-data = Fra data
th-in-use = Anvendt
th-typed-vs-data = Afvigelse fra data
data-source-data = fra data
data-source-typed = indtastet
data-field-customers = Aktive kunder
data-field-purchases_per_year = Køb pr. år
data-field-average_order_value = Gennemsnitlig ordreværdi
data-field-gross_margin = Bruttomargin
data-field-retention_rate = Fastholdelse
data-cohorts-title = Fastholdelse pr. kohorte: { $segment }
th-first-purchase = Første køb
data-cohorts-partial = Det sidste år slutter ved observationens slutdato, så dets andele er lavere, end et helt års ville være.
data-models-title = Modeller af kundebasen
data-models-note = En købsmodel — BG/NBD, Pareto/NBD eller MBG/NBD, nævnt for hvert segment nedenfor — beskriver, hvor ofte hver kunde køber, og om kunden stille er faldet fra; Gamma-Gamma beskriver, hvad kunden bruger pr. køb. Modellens CLV er gennemsnittet for kunder, der var aktive det seneste år; den simple CLV bygger på segmentets fastholdelse, køb, ordreværdi og bruttomargin. Hvor de to afviger fra hinanden, er det den simple models konstante fastholdelse, der bør udfordres. I parentes: 90 %-intervallet ud fra usikkerheden på de estimerede parametre (parametrisk bootstrap med 200 træk); det dækker ikke et forkert modelvalg, som testperioden nedenfor afprøver.
data-choice-setting = { $segment }: { $model }, som project.yaml angiver.
data-choice-holdout = { $segment }: { $model }, den mindste fejl i testperioden af { $candidates } modeller: { $error } køb pr. kunde (kvadratisk middelfejl); den næste { $next }.
data-choice-bic = { $segment }: { $model }, den laveste BIC af { $candidates } modeller (ingen testperiode at bedømme dem på).
data-validation-title = Hvor godt modellerne forudsiger
data-validation-note = Hver model blev tilpasset transaktionerne frem til kalibreringsdatoen og skulle forudsige, hvor ofte de samme kunder ville købe i ugerne derefter; prikkerne er, hvad de gjorde. En model, der følger prikkerne, er en model, hvis tal ovenfor kan bruges om fremtiden; hvor linjerne ligger oven i hinanden, er forskellen mellem modellerne lille.
data-holdout-sentence = { $segment }: { $model } forudsagde { $predicted } genkøb i testperioden på { $weeks } uger, faktisk { $actual }: { $error }.
chart-tracking = { $segment }: genkøb i testperioden, akkumuleret
desc-tracking = Akkumulerede genkøb uge for uge efter kalibreringsdatoen, som hver model forudsagde dem, og som de faktisk skete. Forudsagt i alt:
cap-tracking = { $segment }: { $actual } genkøb i testperioden; { $model } forudsagde { $predicted }.
chart-tracking-x = Uge i testperioden
chart-tracking-y = Genkøb, akkumuleret
chart-by-frequency = { $segment }: køb i testperioden efter køb før
desc-by-frequency = Gennemsnitligt antal genkøb i testperioden for kunder grupperet efter deres genkøb før kalibreringsdatoen, forudsagt og faktisk. Faktiske gennemsnit:
cap-by-frequency = Kunder, der købte oftere før, køber oftere efter; linjerne er hver models forudsigelse, prikkerne det faktiske.
chart-by-frequency-x = Genkøb før kalibreringsdatoen
chart-by-frequency-y = Gennemsnitligt antal køb i testperioden
legend-actual = Faktisk
th-p-alive = Gns. P(aktiv)
th-expected-purchases = Forventede køb næste år
th-model-clv = Modellens CLV
th-simple-clv = Simpel CLV
th-difference = Forskel
data-not-fitted = Ikke estimeret, så de tal, der bygger på dem, er udeladt:
data-no-fit-too-few = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    }, og modellen kræver mindst { $needed }
data-no-fit-too-few-repeat = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } med genkøb, og modellen kræver mindst { $needed }
data-no-fit-no-repeat = ingen kunde har købt to gange, så købsfrekvensen kan ikke estimeres
data-no-fit-nobody-lost = ingen kunde er faldet fra, så frafaldet kan ikke estimeres
data-no-fit-same-churn = kunderne adskiller sig ikke i deres frafald: fastholdelsen forbliver { $retention }, som den simple CLV antager
data-no-fit-not-converged = estimeringen konvergerede ikke inden for { $iterations } iterationer
data-no-fit-not-identified-parameter = dataene kan ikke fastlægge parameteren { $parameter }: dens standardfejl er mere end { $bound } gange dens værdi
data-no-fit-not-identified = dataene kan ikke fastlægge parametrene: likelihoodfunktionen falder ikke i alle retninger fra sit maksimum
data-no-fit-no-prediction = den giver ingen forudsigelse for nogle kunder og kan derfor ikke afprøves
data-no-p-alive = { $segment } — { $model } giver ingen P(aktiv) for { $customers ->
        [one] { $customers } kunde (dens række kan ikke summeres for den)
       *[other] { $customers } kunder (dens række kan ikke summeres for dem)
    }, så segmentets gennemsnitlige P(aktiv), forventede køb og modellens CLV er udeladt, og P(aktiv)-diagrammet viser kun de øvrige.
data-tenure-title = Fastholdelse efter kundeforholdets længde
data-tenure-note = Den forskudte beta-geometriske model: hver kunde har sin egen risiko for at opsige ved hver fornyelse, så fastholdelsen stiger, jo længere kundeforholdet har varet, fordi de mest opsigelsestilbøjelige forsvinder først. Punkterne er de observerede andele, linjerne modellen.
data-tenure-data = fra data
data-tenure-typed = indtastet kurve
th-retention-by-renewal = Fastholdelse ved fornyelse 1–5
th-sbg-clv = CLV med denne kurve
th-parameters = Parametre
th-model = Model
chart-cohorts = Andel af hver kohorte, der køber pr. år: { $segment }
desc-cohorts = Én linje for hver af { $cohorts } kohorter efter første køb: andelen af kohortens kunder, der købte i hvert af de følgende kalenderår.
chart-cohorts-x = År efter året for første køb
chart-cohorts-y = Andel af kohorten, der køber
chart-p-alive = Kunder efter sandsynlighed for stadig at være aktive
desc-p-alive = Andelen af hvert segments kunder i hver tiendedel af P(aktiv), købsmodellens sandsynlighed for, at kunden ikke stille er faldet fra.
chart-p-alive-y = Andel af kunderne
chart-tenure = Fastholdelse efter kundeforholdets længde
desc-tenure = Fastholdelse ved hver fornyelse: observerede andele som grå punkter, den forskudte beta-geometriske model som linjer.
chart-tenure-x = Fornyelse (år som kunde)
chart-tenure-y = Fastholdelse

## Programmuligheder (options/*.yaml)
options-title = Programalternativer
options-base = Grundscenarie
options-verdict = { $best } har den højeste gennemsnitlige nettonutidsværdi i simuleringen ({ $npv }); { $safe } har den mindste nedsiderisiko (P10: { $p10 }).
options-verdict-same = { $option } har både den højeste gennemsnitlige nettonutidsværdi i simuleringen ({ $npv }) og den mindste nedsiderisiko (P10: { $p10 }).
options-note = Hvert alternativ er grundscenariet, hvor de valg, alternativets fil angiver, er ændret (fokussegmenter, løftestænger, indfasning, investering), beregnet med de samme formler, simuleringer og startværdi. NPV er fra det forventede scenarie; gennemsnitlig NPV, P10 og P90 er fra simuleringen; sandsynligheden gælder målet på { $target } for alternativets egne fokussegmenter.
options-base-mid = grundscenariet
th-roi = ROI
th-investment-pv = Investering, nutidsværdi
th-payback = Tilbage­betalingstid
th-option = Alternativ
th-npv-likely = NPV, forventet
th-expected-npv = Gns. NPV (simuleret)
th-npv-range = NPV P10 – P90
th-chance = Sandsynlighed for mål

## Abonnementssegmenter (monthly_price, monthly_churn)
subscription-payments = 12 (månedlig)
subscription-price = { $price } om måneden
subscription-churn = { $churn } opsigelser om måneden
der-monthly-price = månedspris
der-monthly-churn = c = opsigelser pr. måned
lever-monthly_price = Månedspris
lever-monthly_churn = Opsigelser pr. måned

## Assets for the slide deck (build --assets)
sheet-touchpoint-gaps = Gab i berøringspunkter
sheet-problem-areas = Problemområder
sheet-problem-areas-from-data = Problemområder fra data
sheet-cash-flows = Pengestrømme
sheet-initiatives = Initiativer
sheet-market-gaps = Gab pr. marked
th-resource-share = Andel af ressourcer
th-importance-share = Andel af vigtighed
th-uplift-low = Løft, lav
th-uplift-likely = Løft, forventet
th-uplift-high = Løft, høj
th-npv-p10 = NPV P10
th-npv-p90 = NPV P90
th-payback-months = Tilbagebetaling, måneder

## Fra gab i kunderejsen til penge (initiativer i journey.yaml)
section-initiatives = Fra gab i kunderejsen til penge
th-initiative = Initiativ
th-initiative-value = Værdi
th-initiative-cost = Omkostning, nutidsværdi
th-net-value = Nettoværdi
th-per-krone = Værdi pr. krone
th-funded = I investeringen
initiative-funded = ja
initiative-action-add = Tilføj
initiative-action-improve = Forbedr
initiative-action-reduce = Reducer
initiative-action-stop = Stop
initiative-payback = år { $year }
initiative-payback-never = ikke inden for { $years } år
initiatives-attribution = { $count ->
    [one] Ét initiativ bærer
   *[other] { $count } initiativer bærer
} { $attributed } af den forventede værdistigning på { $whole }; { $unattributed } ({ $share }) er ikke tilskrevet noget initiativ: den del af løftestængernes effekt, som intet initiativ gør krav på.
initiatives-note = Værdi: initiativets andel af hver løftestang, det flytter, gange løftestangens Shapley-værdi i segmentets forventede værdistigning. Omkostning: engangsbeløb plus løbende omkostning (timer til timesatsen) som nutidsværdi; negativ, når initiativet frigør mere, end det koster. Sorteret efter nettoværdi.
initiatives-not-funded = Hvert initiativs værdi indgår i programmets værdistigning, men ingen investeringspost finansierer { $count ->
    [one] dette initiativ, så dets omkostning
   *[other] disse initiativer, så deres omkostninger
} indgår ikke i nettonutidsværdien: { $names }.
initiatives-reallocation = At reducere og stoppe berøringspunkter frigør { $hours } timer og { $budget } om året, { $freed } om året med timerne til { $rate } i timen: { $share } af de { $needed } om året, som de nye og forbedrede berøringspunkter koster i drift. Det frigjorte indgår ikke i nettonutidsværdien.
initiatives-reallocation-nothing-needed = At reducere og stoppe berøringspunkter frigør { $hours } timer og { $budget } om året, { $freed } om året med timerne til { $rate } i timen; de øvrige initiativer har ingen løbende omkostning. Det frigjorte indgår ikke i nettonutidsværdien.
initiatives-reallocation-nothing-freed = Initiativerne frigør hverken timer eller budget: de { $needed } om året, som de nye og forbedrede berøringspunkter koster i drift, er nyt forbrug.
chart-initiatives = Værdi mod omkostning, pr. initiativ
chart-initiatives-x = Omkostning, nutidsværdi ({ $currency })
chart-initiatives-y = Værdi, forventet ({ $currency })
chart-initiatives-break-even = nulpunkt: værdi = omkostning
desc-initiative = { $number } { $name }: værdi { $value }, omkostning { $cost }
cap-initiatives = { $count } af { $total } initiativer, der koster penge, giver mere tilbage, end de koster: dem over linjen. Numre som i tabellen.
cap-initiatives-none = Intet initiativ koster penge: hvert frigør mere, end det koster. Numre som i tabellen.
th-initiatives-value = Initiativernes værdi
journey-initiatives-value-note = Initiativernes værdi: værdien af initiativerne på berøringspunktet (se "Fra gab i kunderejsen til penge"); et initiativ på flere berøringspunkter deles ligeligt mellem dem.
doubt-reduces-important = "{ $initiative }" reducerer "{ $touchpoint }", som kunderne vurderer til { $importance } af 5, på eller over den gennemsnitlige vigtighed: er indsatsen virkelig for stor?
der-initiative = Værdi, omkostning og nettoværdi af "{ $name }"
der-initiative-formula = værdi = Σ andel × løftestangens værdi; omkostning = engangsbeløb + (årligt + timer × timesats) × Σ (1+d)^−t, t = 1..H; nettoværdi = værdi − omkostning
der-initiative-result = værdi { $value } − omkostning { $cost } = nettoværdi { $net }
der-initiative-share = andel af { $lever }
der-initiative-lever-value = Shapley-værdi af { $lever }
der-initiative-lever-source = Shapley-værdi, se metoden
der-initiative-one-off = engangsbeløb
der-initiative-annual = årligt, ud over timerne
der-initiative-hours = timer om året
der-initiative-rate = timesats
method-initiatives = Initiativets værdi
method-initiatives-words = En løftestangs værdi i et segment er dens Shapley-værdi (Shapley 1953): dens marginale bidrag til den forventede værdistigning i gennemsnit over alle 24 rækkefølger, de fire løftestænger kan slås til i, så de fire summer til segmentets værdistigning, og intet samspil tælles to gange. Et initiativ er værd sine andele af de løftestænger, det leverer; dets tilbagebetaling aflæses af årlige værdier fundet på samme måde.

## Markeder side om side (markets og by_market i journey.yaml)
journey-markets = Markeder side om side
chart-ipa-markets = Vigtighed mod præstation, pr. marked
chart-ipa-markets-x = Præstation (1–5)
chart-ipa-markets-y = Vigtighed (1–5)
desc-ipa-market = { $market }: trådkors ved gennemsnitlig vigtighed { $importance } og gennemsnitlig præstation { $performance }; "Fokuser her": { $numbers }.
cap-ipa-markets = Hvert marked vurderet for sig, nummereret som i listen over gab: hvor et berøringspunkt flytter sig mellem panelerne, kræver markederne forskellige handlinger.
journey-markets-disagree = De berøringspunkter, hvis prioritet eller handling adskiller sig mest mellem markederne: prioritet · handling i hvert marked.
th-market-priority = { $market }
th-priority-spread = Forskel
journey-markets-overall = Samlet
touchpoint-market-scores = { $market }: vigtighed { $importance }, præstation { $performance }
touchpoint-market-absent = { $market }: vigtighed { $importance }, ikke til stede

## The path to a loyal customer (data section)
loyalty-title = Vejen til en loyal kunde
loyalty-note = Nye kunder — intet køb i de { $lapse } dage af data før deres første — hvis første { $window } dage alle er observeret, efter det trin de nåede inden for de { $window } dage: første køb, genkøb, fast kunde og loyal ved købsdag { $purchases }. Konvertering er andelen af trinnet før. Tilbagevundet: af kunderne med et ophold på mere end { $lapse } dage mellem køb eller før observationsperiodens slut, dem der købte igen efter et sådant ophold.
loyalty-median-day = median dag { $day }
loyalty-win-back = { $returned } af { $lapsed } ({ $share })
loyalty-bottleneck = { $segment }: vejen brydes mest fra { $from } til { $to }: { $conversion } går videre mod { $all } i alle segmenter og { $best } i { $best_segment }. Med samme konvertering ville { $customers ->
        [one] yderligere { $customers } af de { $at_from } kunder
       *[other] { $customers } flere af de { $at_from } kunder
    } på trinnet { $from } være nået til { $to }, værd { $value } i dækningsbidrag inden for deres første { $window } dage.
loyalty-bottleneck-best = { $segment }: det svageste trin målt mod alle segmenter er fra { $from } til { $to } ({ $conversion }, alle segmenter { $all }), og intet segment med nok kunder konverterer bedre dér.
th-loyalty-eligible = Kunder talt med
th-win-back = Tilbagevundet
stage-first_purchase = Første køb
stage-repeat = Genkøb
stage-regular = Fast kunde
stage-loyal = Loyal
stage-purchase-day = købsdag { $n }
chart-loyalty-path = Vejen til en loyal kunde: { $segment }
cap-loyalty-path = { $segment }: { $share } af de nye kunder bliver loyale inden for perioden; vejen brydes mest fra { $from } til { $to }.
desc-loyalty-stage = { $stage }: { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } ({ $share })
th-stage = Trin
th-purchase-day = Købsdag
th-conversion = Konvertering
th-median-days = Median dage
cap-loyalty-path-best = { $segment }: { $share } af de nye kunder bliver loyale inden for perioden; intet segment med nok kunder konverterer bedre på det svageste trin.

## Win/loss over time
winloss-periods-note = winloss.yaml angiver tallene pr. periode; tallene ovenfor gælder alle perioder samlet.
winloss-trend-title = Vundne og tabte kunder og mersalg over tid
winloss-trend-note = { $segment }: forholdet mellem vundne og tabte { $ratio } i { $last }, { $ratio_last } mod { $before } og { $ratio_span } siden { $first }; mersalgsandel { $upsell } ({ $upsell_last } og { $upsell_span }).
chart-winloss-trend = Forholdet mellem vundne og tabte kunder og mersalgsandelen pr. periode
chart-winloss-trend-x = Periode
cap-winloss-trend = Hvert segments forhold mellem vundne og tabte kunder (vundne pr. tabt kunde) og mersalgsandel, periode for periode fra { $first } til { $last }.
th-period = Periode
loyalty-bottleneck-unvalued = { $segment }: vejen brydes mest fra { $from } til { $to }: { $conversion } går videre mod { $all } i alle segmenter og { $best } i { $best_segment }. Med samme konvertering ville { $customers ->
        [one] yderligere { $customers } af de { $at_from } kunder
       *[other] { $customers } flere af de { $at_from } kunder
    } på trinnet { $from } være nået til { $to }; hvad det er værd, kan ikke måles, da segmentet ikke har kunder på begge sider af trinnet.
loyalty-left-out = { $before } før data, { $recent } for nye
th-loyalty-left-out = Ikke talt med
cap-winloss-trend-more = Diagrammet viser de første { $shown } af de { $count } segmenter, der er talt pr. periode; tabellen viser dem alle.
stage-integrated = Integreret
stage-categories = { $n } varegrupper
loyalty-note-integrated = Integreret: loyal og har købt fra mindst { $categories } varegrupper inden for de samme { $window } dage (en varegruppe tæller med en linje over nul: en returvare er intet køb); nået på den seneste af de to dage.
economics-data-problems = Vurderet ud fra data: lav produktintegration
data-problems-note = Integreret: loyal og køber fra mindst { $categories } varegrupper inden for de første { $window } dage. Værdien på spil er den dækning inden for de { $window } dage, som { $customers ->
        [one] yderligere { $customers } integreret kunde
       *[other] { $customers } flere integrerede kunder
    } ville have givet ud over det, de gav som blot loyale kunder — kunderne i data samlet, ikke en kundelevetidsværdi, så den rangeres ikke sammen med problemområderne ovenfor. Den sammenligner kunder; den beviser ikke, at salg af flere varegrupper giver den ekstra dækning.
summary-data-problem-item = { $current } af de loyale nye kunder blev integrerede, mod { $benchmark } i { $best_segment }; i det tempo ville de have givet { $value } mere i dækning inden for deres første { $window } dage (alle nye kunder i data samlet; ikke en kundelevetidsværdi)
th-additional = Flere integrerede
th-categories = Varegrupper
th-loyal-to-integrated = Loyal → integreret
th-best-segment = Bedste segment
