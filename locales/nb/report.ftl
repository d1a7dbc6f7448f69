# Norsk (bokmål) katalog for uplift-rapporten. Alle kataloger har nøyaktig de samme id-ene som den engelske.

## Formater (CLDR-konvensjoner rundt tall formatert av ICU4X)
fmt-money = { $amount } { $symbol }
currency-NOK = kr
fmt-money-millions = { $amount } mill. { $symbol }
fmt-money-thousands = { $full }
fmt-percent = { $value } %
fmt-points = { $value } prosentpoeng
fmt-above = >{ $value }
fmt-below = <{ $value }
fmt-date = { $day }. { $month } { $year }
month-1 = januar
month-2 = februar
month-3 = mars
month-4 = april
month-5 = mai
month-6 = juni
month-7 = juli
month-8 = august
month-9 = september
month-10 = oktober
month-11 = november
month-12 = desember
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mar.
month-short-4 = apr.
month-short-5 = mai
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = des.
not-available = –

## Forside og innhold
cover-date = Dato
cover-prepared-by = Utarbeidet av
cover-currency = Valuta
cover-currency-value = { $currency }, nåverdier over { $years } år
cover-version = Versjon
version-clean = { $commit }, { $date }
version-dirty = { $commit }, { $date } (utkast)
cover-logo = Logo for { $client }
contents = Innhold
page-footer = { $client } · { $title }

## Kapitteltitler
section-summary = Sammendrag for ledelsen
section-business-case = Business case
section-economics = Segmentøkonomi
section-uplift = Verdiløft
section-journey = Kundereise og gapanalyse
section-winloss-jobs = Vunne/tapte salg og kundens oppgaver
section-winloss = Vunne og tapte salg
section-jobs = Kundens oppgaver (jobs to be done)
section-appendix = Vedlegg

## Sammendrag for ledelsen
headline-main = Et løft på { $uplift } i verdien av et gjennomsnittlig kundeforhold i { $segments ->
    [one] fokussegmentet
   *[other] de { $segments } fokussegmentene
  } gir programmet en netto nåverdi på { $npv } over { $years } år
headline-roi = ROI på { $roi }
headline-payback = tjent inn i år { $year }
headline-no-payback = investeringen tjenes ikke inn innenfor tidshorisonten
headline-nothing-invested = ingenting investert, så ingenting å tjene inn
headline-chance = { $chance } sannsynlighet for å nå målet på { $target }
card-uplift = Verdiløft per kundeforhold
card-uplift-note = fokussegmenter, forventet; lav { $low } – høy { $high }
card-npv = Netto nåverdi (NPV)
card-npv-note = etter en investering på { $pv } (nåverdi)
card-roi = Avkastning på investeringen (ROI)
card-roi-note = netto nåverdi ÷ investeringens nåverdi
card-payback = Tilbakebetalingstid
card-payback-value = år { $year }
card-payback-never = nås ikke
card-payback-nothing = ingen investering
card-payback-note = første år der akkumulert diskontert netto kontantstrøm er ≥ 0; beløpene regnes ved utgangen av hvert år
card-chance = Sannsynlighet for å nå målet
card-chance-note = { $draws } simulerte utfall, virkemidlenes korrelasjon ρ = { $rho } (uavhengige: { $independent }; i takt: { $lockstep })
card-chance-note-plain = { $draws } simulerte utfall
summary-problems = De største problemområdene
summary-problem-item = { $value } står på spill ({ $driver } { $current } mot { $benchmark })
summary-gaps = De største gapene i kontaktpunktene
summary-gap-item = viktighet { $importance }, ytelse { $performance }
summary-next = Neste steg
next-validate = Bekreft rotårsakene til { $problem } i { $segment } før det investeres: { $value } i kundeverdi står på spill.
next-add = Innfør det kundene verdsetter, men som vi ikke tilbyr i dag: { $names }.
next-invest = Invester der viktigheten er høy og leveransen svak: { $names }.
next-reduce = Frigjør ressurser fra kontaktpunkter som krever mer innsats enn de gir kundene: { $names }.

## Business case
bc-challenge = Utfordring og mulighet
bc-approach = Tilnærming
bc-expected-value = Forventet verdi
bc-investment = Investering
th-item = Post
th-serves = Rettet mot
th-one-off = Engangskostnad
th-annual = Årlig
th-present-value = Nåverdi
investment-programme-wide = Hele programmet
investment-total = Totalt
bc-risks = Risikoer
risk-matrix-caption = Sannsynlighet × konsekvens; tallene viser til risikolisten
risk-matrix-corner = Konsekvens ↓ / sannsynlighet →
th-risk-score = S × K
th-risk = Risiko
th-mitigation = Tiltak

## Segmentøkonomi
th-segment = Segment
th-customers = Kunder
th-purchases = Kjøp per år
th-order-value = Ordreverdi
th-margin = Margin
th-retention = Kundelojalitet
th-clv = CLV
th-cac = CAC
tag-focus = fokus
economics-problems = Problemområder, rangert etter verdien som står på spill
problems-at-benchmark = { $count ->
    [one] Ett nøkkeltall er på nivå med eller bedre enn referanseverdien og har dermed ingen verdi på spill; det er derfor ikke tatt med i listen.
   *[other] { $count } nøkkeltall er på nivå med eller bedre enn referanseverdien og har dermed ingen verdi på spill; de er derfor ikke tatt med i listen.
}
th-problem = Problemområde
th-today = I dag
th-benchmark = Referanseverdi
th-value-at-stake = Verdi på spill
benchmark-source-segment = segment
benchmark-source-project = prosjekt
not-scored = Ikke vurdert fordi referanseverdi mangler: { $list }.
economics-krone = Hva gir en krone?
th-annual-margin = Årlig dekningsbidrag per kunde
th-value-per-acquisition = CLV per anskaffelseskrone
th-value-per-loyalty = Verdiløft per lojalitetskrone

## Verdiløft
th-clv-today = CLV i dag
th-low = Lav
th-likely = Forventet
th-high = Høy
th-uplift-scenarios = Løft (lav / forventet / høy)
th-value-uplift-likely = Verdiløft, forventet
bridge-note = Virkemidlene påvirker hverandre, så verdibroen tar dem med i fast rekkefølge (kundelojalitet, kjøpsfrekvens, ordreverdi, bruttomargin); stegene summerer seg nøyaktig til totalen.
simulation-note = { $draws } simulerte utfall: netto nåverdi P10 { $p10 }, P50 { $p50 }, P90 { $p90 }; programmets løft P10 { $uplift_p10 } til P90 { $uplift_p90 }; { $probability } av utfallene når målet på { $target }.
simulation-rho = { $rho_value ->
    [0] Virkemidlene trekkes uavhengig av hverandre (ρ = 0).
    [1] Virkemidlene trekkes i takt (ρ = 1): alle virkemidler på samme persentil i hvert utfall.
   *[other] Virkemidlene samvarierer med ρ = { $rho }: blir programmet forsinket, rammer det alle virkemidler.
  }
simulation-sensitivity = De samme utfallene med uavhengige virkemidler (ρ = 0): netto nåverdi P10 { $p10_independent } til P90 { $p90_independent }, { $probability_independent } når målet; med virkemidler i takt (ρ = 1): P10 { $p10_lockstep } til P90 { $p90_lockstep }, { $probability_lockstep } når målet.

## Kundereise
journey-goal = Vårt mål
journey-needs = Kundens behov
journey-notes = Notater fra workshopene
journey-gaps = Gap i kontaktpunkter, rangert
journey-gaps-more = De { $count } kontaktpunktene med lavere prioritet står i den fullstendige utgaven.
th-touchpoint = Kontaktpunkt
th-phase = Fase
th-importance = Viktighet
th-performance = Ytelse
th-priority = Prioritet
th-cost = Kostnad per år
th-resources-importance = Ressurser / viktighet
th-quadrant = Kvadrant
th-action = Handling
touchpoint-scores = V { $importance } · Y { $performance }

## Vunne/tapte kunder og kundens oppgaver
winloss-title = Vunne og tapte salg per segment
th-won = Vunnet
th-lost = Tapt
th-win-rate = Andel vunne salg
th-win-loss-ratio = Forhold vunnet/tapt
th-upsell-ratio = Mersalgsandel
th-top-won = Vanligste grunn til vunnet salg
th-top-lost = Vanligste grunn til tapt salg
jobs-title = Kundens oppgaver (jobs to be done)
th-job = Oppgave
th-satisfaction = Tilfredshet
th-opportunity = Mulighetsscore
th-assessment = Vurdering
jobs-all-segments = Alle

## Vedlegg
appendix-workshops = Workshoper
th-workshop = Workshop
th-date = Dato
th-market = Marked
th-participants = Deltakere
th-journey-phases = Faser i kundereisen
appendix-derivations = Slik er hvert nøkkeltall beregnet
th-input = Inndata
th-value = Verdi
th-source = Kilde
derived-below = beregnet nedenfor
appendix-methodology = Metode
th-figure = Nøkkeltall
th-formula = Formel
th-in-words = Forklaring
appendix-assumptions = Alle forutsetninger
th-file = Fil
th-field = Felt
appendix-model-parameters = Modellenes parametere
appendix-model-parameters-note = Parameternavnene følger de opprinnelige artiklene (BG/NBD og Gamma-Gamma: Fader, Hardie & Lee 2005; Pareto/NBD: Schmittlein, Morrison & Colombo 1987; MBG/NBD: Batislam, Denizel & Filiztekin 2007; sBG: Fader & Hardie 2007); tid er målt i dager for kjøpsmodellene og i fornyelser for sBG. I parentes: hver parameters standardfeil, fra likelihoodfunksjonens krumning ved estimatet (sBG-estimatet oppgir ingen).
appendix-doubts = Tall å etterprøve før presentasjonen
appendix-doubts-note = Gyldige inndata, men resultater en leser vil spørre om: gi begrunnelsen, eller se på inndataene igjen.
doubt-retention = lojaliteten i { $segment } når { $retention } i det høye scenarioet: nesten ingen kunde ville noen gang falle fra
doubt-uplift = det forventede løftet i { $segment } er { $uplift }: kundene ville bli mer enn dobbelt så verdifulle
doubt-stake = { $problem } i { $segment } setter { $stake } på spill, mer enn segmentets samlede kundeverdi i dag ({ $value }): er referanseverdien sammenlignbar?
doubt-benchmark = referanseverdien for { $driver } i { $segment } ({ $benchmark }) avviker mer enn 50 % fra segmentets eget tall ({ $current }): gjelder den samme type kunder?
doubt-npv = forventet netto nåverdi ({ $npv }) er { $times } ganger investeringen ({ $investment }): er alle programmets kostnader tatt med?
doubt-probability = sannsynligheten for å nå målet er { $probability }: målet er enten så godt som sikkert eller utenfor rekkevidde
appendix-sources = Kilder
th-bytes = Byte

## Verdidrivere, problemområder, kvadranter, tiltak, vurdering av oppgaver
lever-retention_rate = Kundelojalitet
lever-purchases_per_year = Kjøpsfrekvens
lever-average_order_value = Ordreverdi
lever-gross_margin = Bruttomargin
problem-retention_rate = Korte kundeforhold
problem-purchases_per_year = Få kjøp
problem-average_order_value = Små kjøp
problem-gross_margin = Svake marginer
problem-product_integration = Lav produktintegrasjon
quadrant-concentrate_here = Konsentrer innsatsen her
quadrant-keep_up_the_good_work = Fortsett det gode arbeidet
quadrant-low_priority = Lav prioritet
quadrant-possible_overkill = Mulig overinvestering
action-invest = Invester
action-keep = Oppretthold
action-reduce = Reduser
action-add = Innfør
job-extremely_under_served = Sterkt underdekket
job-under_served = Underdekket
job-over_served = Overdekket
job-served = Dekket

## Diagrammer
chart-timeline = Programmets tidsplan
chart-clv = Kundens livstidsverdi per segment, i dag og per scenario
chart-clv-axis = CLV per kunde ({ $currency })
chart-today = I dag
chart-bridge = Verdibro: gjennomsnittlig kundeverdi i fokussegmentene, fra i dag til forventet
chart-bridge-axis = CLV per kunde ({ $currency }); aksen starter på { $floor }
chart-projected = Fremskrevet
chart-payback = Akkumulert diskontert verdi mot investering (forventet scenario)
chart-payback-x = År fra programstart
chart-payback-y = Akkumulert, diskontert ({ $currency })
chart-value-uplift = Verdiløft
chart-investment = Investering
chart-payback-point = Tjent inn: slutten av år { $year }
th-year = År
th-cf-investment = Investering
th-cf-value = Verdiløft
th-cf-net = Netto
th-cf-discounted = Diskontert netto
th-cf-cumulative = Akkumulert, diskontert
cash-flows-note = Forventet scenario. År 0 er engangsinvesteringen; dekningsbidrag og løpende kostnader regnes ved utgangen av hvert år, som i CLV-beregningen. De diskonterte nettobeløpene summerer seg til netto nåverdi; det uthevede året er tilbakebetalingsåret, det første året der akkumulert diskontert netto kontantstrøm er null eller høyere.
chart-npv = Programmets netto nåverdi på tvers av simulerte utfall
chart-npv-x = Programmets netto nåverdi ({ $currency })
chart-npv-y = Andel av simuleringene
chart-npv-target = { $chance } av utfallene når målet om et løft på { $target }
chart-tornado = Hva påvirker netto nåverdi mest: hvert virkemiddel fra lav til høy, de øvrige på forventet nivå
chart-acquisition = Verdi per krone: kundeanskaffelse mot lojalitet
chart-acquisition-axis = Kundeverdi per investert { $currency }
chart-acquisition-series = Kundeanskaffelse: CLV ÷ CAC
chart-loyalty-series = Lojalitet: verdiløft ÷ investering
chart-ipa = Viktighet og ytelse per kontaktpunkt
chart-ipa-x = Ytelse: hvor godt vi leverer i dag (1–5)
chart-ipa-y = Viktighet for kunden (1–5)
chart-not-present = ikke til stede i dag
chart-resources = Andel av ressursene mot andel av viktigheten
chart-resources-x = Andel av alle kontaktpunkter
chart-resources-series = Andel av ressursene (budsjett + timer)
chart-importance-series = Andel av viktigheten for kundene
chart-pareto = Hvorfor vi mister kunder: årsaker på tvers av alle segmenter
chart-pareto-other = { $count } andre årsaker
chart-pareto-y = Tapte salg der årsaken nevnes
chart-jobs = Mulighetslandskap: kundens oppgaver
chart-jobs-x = Tilfredshet med dagens løsninger (0–10)
chart-jobs-y = Oppgavens viktighet (0–10)
chart-under-served = underdekket

## Diagrambeskrivelser (for skjermlesere og bildetekster)
desc-timeline-item = { $activity }: { $start } til { $end }
desc-clv-item = { $segment }: i dag { $today }, forventet { $likely }
desc-bridge = I dag { $start }, { $steps }, fremskrevet { $end }.
desc-payback = Etter { $years } år: verdiløft { $value }, investering { $investment }.
desc-payback-never = Programmet betaler seg ikke tilbake innenfor tidshorisonten.
desc-npv = { $draws } simuleringer. P10 { $p10 }, P50 { $p50 }, P90 { $p90 }.
desc-tornado-item = { $lever } fra { $low } til { $high }
desc-acquisition-item = { $segment }: kundeanskaffelse { $acquisition }, lojalitet { $loyalty }
desc-ipa = { $count } kontaktpunkter. Aksene krysser ved gjennomsnittlig viktighet { $importance } og gjennomsnittlig ytelse { $performance }. Tallene viser til den rangerte gaplisten.
desc-resources-item = { $touchpoint }: { $resources } av ressursene, { $importance } av viktigheten
desc-jobs = { $count } oppgaver; tallene viser til den rangerte listen. Skyggelagt: underdekket (mulighetsscore ≥ 10), mørkere: sterkt underdekket (≥ 15).

## Figurtekster: hva figuren viser, og det ene leseren skal ta med seg
cap-timeline = Programmet går fra { $start } til { $end }; hver stolpe er én aktivitet.
cap-acquisition = I { $count } av { $total } segmenter gir penger brukt på å beholde kunder mer tilbake enn penger brukt på å vinne nye.
cap-clv = Den største gevinsten per kunde ligger i { $segment }: { $uplift } i det forventede scenarioet.
cap-bridge = { $lever } står for den største delen av løftet per kunde: { $share }.
cap-bridge-none = Virkemidlene gir ingen økt verdi per kunde i fokussegmentene.
cap-payback = I det forventede scenarioet er programmet tjent inn innen utgangen av år { $year }.
cap-payback-never = I det forventede scenarioet er programmet ikke tjent inn innen { $years } år.
cap-npv = I ni av ti simulerte utfall er netto nåverdi over { $p10 }; { $chance } av utfallene når målet om et løft på { $target }.
cap-tornado = Netto nåverdi er mest følsom for { $lever } i { $segment }: fra { $low } ved lavt til { $high } ved høyt anslag.
cap-ipa = { $count } av { $total } kontaktpunkter ligger i «Konsentrer innsatsen her»: viktige for kundene og levert under snittet.
cap-resources = { $count } av { $total } kontaktpunkter får en større andel av ressursene enn viktigheten tilsier; mest gjelder det { $touchpoint }.
cap-resources-none = Ingen kontaktpunkter får en større andel av ressursene enn viktigheten tilsier.
cap-pareto = { $count } av { $total } årsaker forklarer { $share } av de tapte salgene: ta tak i dem først.
cap-pareto-none = Ingen tapte salg er registrert.
cap-jobs = { $under } av { $count } oppgaver er underdekket (mulighetsscore 10 eller mer): her er det rom for å slå dagens løsninger.
cap-cohorts = { $segment }: av kundene som kjøpte første gang i { $year }, kjøpte { $share } igjen året etter.
desc-cohorts-item = { $year }: { $shares }
cap-p-alive = I { $segment } har { $share } av kundene trolig falt fra (P(aktiv) under 50 %).
desc-p-alive-item = { $segment }: { $shares }
desc-p-alive-item-left-out = { $segment }: { $shares } (andeler av kundene med en P(aktiv): ytterligere { $customers } har ingen)
cap-tenure = I { $segment } stiger kundelojaliteten fra { $first } ved første fornyelse til { $last } ved fornyelse { $renewal }: kundene som er tilbøyelige til å forsvinne, går først.
desc-tenure-item = { $segment }: { $shares }

## Utledninger
der-uplift = Løft i et gjennomsnittlig kundeforhold (forventet)
der-uplift-formula = Σ fokus N · CLV′ / Σ fokus N · CLV − 1
der-clv-pair = CLV → CLV′, { $segment }
der-pv = Investeringens nåverdi
der-pv-formula = PV = Σ engangsbeløp + Σ årlig beløp · Σ (1+d)^−t, t = 1..H
der-pv-item = { $once } én gang, { $annual } per år
der-npv = Netto nåverdi (forventet)
der-npv-formula = NPV = Σ segmenter N · (CLV′ − CLV) − PV
der-value-uplift = Verdiløft, { $segment }
der-pv-input = Investeringens nåverdi (PV)
der-roi = Avkastning på investeringen, ROI (forventet)
der-payback = Tilbakebetalingstid (forventet)
der-payback-formula = første år der akkumulert diskontert netto kontantstrøm (verdiløft − investering) er ≥ 0; kontantstrømmene faller ved årets slutt, så det interpoleres ikke innenfor et år
der-payback-year = år { $year }: verdi { $value } / investering { $investment }
der-payback-result = slutten av år { $year }
der-payback-never = ikke innenfor tidshorisonten
der-chance = Sannsynlighet for å nå målet
der-chance-formula = andel simulerte utfall med programløft ≥ minimumsmål
der-chance-substituted = { $reached } / { $draws } (startverdi { $seed })
der-target-min = minimumsmål
der-draws = simuleringer
der-seed = startverdi
der-lever-correlation = virkemidlenes korrelasjon ρ
der-clv = Kundens livstidsverdi, { $segment }
der-clv-formula = CLV = f · v · m × Σ (r / (1+d))^t, t = 1..H; med innfasing er CLV′ = Σ Mₜ · (r₁ · … · rₜ) / (1+d)^t, hvert års drivere med virkemidlene ved årets andel
der-ramp-up = innfasing
der-today = i dag
der-likely = forventet
der-lever = Δ { $lever } (forventet)
der-currency = valuta

## Metode
method-margin = Årlig dekningsbidrag per kunde
method-margin-words = Antall kjøp per år ganger gjennomsnittlig ordreverdi ganger bruttomargin: det én kunde bidrar med i løpet av et år.
method-clv = Kundens livstidsverdi
method-clv-words = En kunde som fortsatt er hos oss etter t år (sannsynlighet r^t), bidrar med M det året; en krone på det tidspunktet er verdt (1+d)^−t i dag. Dekningsbidraget regnes ved slutten av hvert år (Gupta & Lehmann).
method-projected = Fremskrevet verdi
method-projected-words = Programmets virkemidler øker kundelojalitet og bruttomargin med prosentpoeng og kjøpsfrekvens og ordreverdi med prosent; CLV′ er CLV beregnet med de justerte verdidriverne.
method-uplift = Programmets løft
method-uplift-words = Hvor mye mer et gjennomsnittlig kundeforhold i fokussegmentene er verdt, vektet etter antall kunder.
method-pv = Investeringens nåverdi
method-pv-words = Engangskostnader påløper ved start og årlige kostnader ved slutten av hvert år, og de diskonteres på samme måte som dekningsbidragene.
method-npv = Netto nåverdi og ROI
method-npv-words = Verdien som skapes i alle segmenter, fratrukket det programmet koster – begge målt i nåverdi.
method-payback = Tilbakebetalingstid
method-payback-notation = første t der Σ (verdiløft − investering)ₖ · (1+d)⁻ᵏ ≥ 0, summert over k = 0…t
method-payback-words = Dekningsbidrag og løpende kostnader regnes ved utgangen av hvert år, som i CLV-beregningen, så tilbakebetalingstiden leses av de årlige kontantstrømmene: utgangen av det første året der den akkumulerte summen dekker investeringen.
method-problems = Problemområder
method-problems-notation = N · (CLV med verdidriveren på referanseverdien − CLV)
method-problems-words = Verdien et segment går glipp av på én verdidriver sammenlignet med referanseverdien; null når segmentet allerede når den. Verdidrivere uten referanseverdi vurderes ikke.
method-uncertainty = Usikkerhet
method-uncertainty-notation = PERT(lav, forventet, høy), trukket gjennom en gaussisk copula med én felles programfaktor (virkemidlenes korrelasjon ρ)
method-uncertainty-words = Hvert usikre virkemiddel trekkes fra en PERT-fordeling; P10, P50 og P90 leses av de simulerte utfallene, og sannsynligheten for å nå målet er andelen utfall som når det.
method-gap = Gap i kontaktpunkter
method-gap-words = Analyse av viktighet og ytelse (importance–performance, Martilla & James): aksene krysser ved gjennomsnittsscorene; ressursene (budsjett pluss timer til timepris) sammenlignes med viktigheten, begge som andeler.
method-winloss = Vunne og tapte salg
method-winloss-notation = andel vunne salg = vunnet / (vunnet + tapt); mersalgsandel = kunder med mersalg / kunder
method-winloss-words = Hvorfor salg vinnes og tapes, per segment, med årsakene rangert etter hyppighet.
method-jobs = Kundens oppgaver (jobs to be done)
method-jobs-words = Ulwicks mulighetsscore: 15 eller mer er sterkt underdekket, 10 eller mer underdekket; er tilfredsheten høyere enn viktigheten, er oppgaven overdekket.

## Forutsetninger
assumption-simulation = { $draws } simuleringer, startverdi { $seed }, virkemidlenes korrelasjon ρ = { $rho }
ramp-up-none = ingen innfasing antatt: alle virkemidler har full effekt fra år 1
ramp-up-shares = innfasing: { $shares } av full effekt i år 1, 2, …
assumption-acquisition = { $customers ->
        [one] { $customers } ny kunde
       *[other] { $customers } nye kunder
    } for { $spend } per år
assumption-benchmark-used = brukt for { $segment }

## Endringer siden en versjon
section-changes = Endringer siden { $revision }
changes-none = Ingenting er endret: forutsetningene og alle tall er de samme.
changes-inputs = Forutsetninger
changes-figures = Nøkkeltall
changes-rankings = Rangeringer
th-before = Før
th-after = Etter
th-change = Endring
th-ranking = Rangering
th-entry = Post
changes-added = lagt til
changes-removed = fjernet
change-fig-programme_uplift = Programmets verdiløft (forventet)
change-fig-npv = Netto nåverdi (forventet)
change-fig-roi = Avkastning på investeringen (forventet)
change-fig-payback_months = Tilbakebetalingstid i måneder (forventet)
change-fig-probability_reaching_target = Sannsynlighet for å nå målet
change-fig-segment_clv = Kundens livstidsverdi, { $segment }
change-fig-integration_value_at_stake = Lav produktintegrasjon, på spill, { $segment }
change-fig-segment_uplift = Verdiløft, { $segment } (forventet)
change-fig-option_npv = Netto nåverdi, alternativ { $segment }
change-ranking-problem_areas = Problemområder
change-ranking-touchpoint_gaps = Gap i kontaktpunkter
change-ranking-jobs = Kundens oppgaver (jobs to be done)
change-field-lever = { $lever }, virkemiddel ({ $scenario })
change-field-customers = Kunder
change-field-focus = I fokus (1 = ja)
change-field-importance = Viktighet
change-field-performance = Ytelse
change-field-hours_per_year = Timer per år
change-field-budget_per_year = Budsjett per år
change-field-present = I kundereisen i dag (1 = ja)
change-field-satisfaction = Tilfredshet
change-field-share = Andel av spaken { $lever } i { $segment }
change-field-market = { $market }: { $field }
change-field-one_off = Engangskostnad
change-field-annual = Årlig kostnad i tillegg til timene
change-field-target_uplift-min = Mål for løft, nedre grense
change-field-target_uplift-max = Mål for løft, øvre grense
change-field-horizon_years = Tidshorisont i år
change-field-discount_rate = Diskonteringsrente
change-field-hourly_rate = Timepris
change-field-investment-one-off = Investering, engangsbeløp totalt
change-field-investment-annual = Investering, årlig totalt
change-entry-segments = Segment
change-entry-touchpoints = Kontaktpunkt
change-entry-initiatives = Initiativ
change-entry-jobs = Oppgave
change-entry-options = Programalternativ

## Hva dataene sier
section-data = Hva dataene sier
data-coverage = { $rows ->
        [one] { $rows } transaksjonslinje
       *[other] { $rows } transaksjonslinjer
    } fra { $files }: { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } som har kjøpt mellom { $from } og { $to }.
data-skipped-title = Utelatte linjer:
data-skipped = { $rows ->
        [one] { $rows } linje
       *[other] { $rows } linjer
    } med { $reason }
data-returns-only = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } med bare returer (ingen dag med kjøp) er utelatt fra kundetall og modeller.
data-figures-title = Dataene ved siden av tallene som brukes
data-figures-note = Aktive kunder har kjøpt noe de siste 365 dagene; kjøp, ordreverdi og bruttomargin gjelder samme periode; kundelojalitet er andelen av ett års kunder som kjøper igjen året etter, samlet for de siste hele årene. Der et tall er tastet inn, viser siste kolonne avviket fra dataene.
th-from-data = Fra dataene
th-in-use = I bruk
th-typed-vs-data = Avvik fra dataene
data-source-data = fra dataene
data-source-typed = tastet inn
data-field-customers = Aktive kunder
data-field-purchases_per_year = Kjøp per år
data-field-average_order_value = Gjennomsnittlig ordreverdi
data-field-gross_margin = Bruttomargin
data-field-retention_rate = Kundelojalitet
data-cohorts-title = Lojalitet per kohort: { $segment }
th-first-purchase = Første kjøp
data-cohorts-partial = Det siste året slutter når dataperioden slutter, så andelene er lavere enn de ville vært for et helt år.
data-models-title = Modeller av kundebasen
data-models-note = En kjøpsmodell — BG/NBD, Pareto/NBD eller MBG/NBD, oppgitt for hvert segment nedenfor — modellerer hvor ofte hver kunde kjøper, og om kunden i det stille har falt fra; Gamma-Gamma modellerer hvor mye kunden kjøper for per gang. Modellens CLV er snittet for kundene som var aktive det siste året; enkel CLV bruker segmentets kundelojalitet, kjøp, ordreverdi og bruttomargin. Der de to avviker fra hverandre, er det den enkle modellens forutsetning om konstant kundelojalitet som bør utfordres. I parentes: 90 %-intervallet ut fra usikkerheten i de estimerte parameterne (parametrisk bootstrap med 200 trekk); det dekker ikke et feil modellvalg, som testperioden nedenfor prøver ut.
data-choice-setting = { $segment }: { $model }, slik project.yaml angir.
data-choice-holdout = { $segment }: { $model }, minst feil i testperioden av { $candidates } modeller: { $error } kjøp per kunde (kvadratisk middelfeil); den neste { $next }.
data-choice-bic = { $segment }: { $model }, lavest BIC av { $candidates } modeller (ingen testperiode å vurdere dem på).
data-validation-title = Hvor godt modellene treffer
data-validation-note = Hver modell ble tilpasset transaksjonene fram til kalibreringsdatoen og skulle forutsi hvor ofte de samme kundene ville kjøpe i ukene etter; prikkene er hva de gjorde. En modell som følger prikkene, er en modell hvis tall ovenfor kan brukes om framtiden; der linjene ligger oppå hverandre, er forskjellen mellom modellene liten.
data-holdout-sentence = { $segment }: { $model } forutså { $predicted } gjenkjøp i testperioden på { $weeks } uker, faktisk { $actual }: { $error }.
chart-tracking = { $segment }: gjenkjøp i testperioden, akkumulert
desc-tracking = Akkumulerte gjenkjøp uke for uke etter kalibreringsdatoen, slik hver modell forutså dem og slik de faktisk skjedde. Forutsagt i alt:
cap-tracking = { $segment }: { $actual } gjenkjøp i testperioden; { $model } forutså { $predicted }.
chart-tracking-x = Uke i testperioden
chart-tracking-y = Gjenkjøp, akkumulert
chart-by-frequency = { $segment }: kjøp i testperioden etter kjøp før
desc-by-frequency = Gjennomsnittlig antall gjenkjøp i testperioden for kunder gruppert etter gjenkjøp før kalibreringsdatoen, forutsagt og faktisk. Faktiske snitt:
cap-by-frequency = Kunder som kjøpte oftere før, kjøper oftere etter; linjene er hver modells prognose, prikkene det faktiske.
chart-by-frequency-x = Gjenkjøp før kalibreringsdatoen
chart-by-frequency-y = Gjennomsnittlig antall kjøp i testperioden
legend-actual = Faktisk
th-p-alive = Snitt P(aktiv)
th-expected-purchases = Forventede kjøp neste år
th-model-clv = Modellens CLV
th-simple-clv = Enkel CLV
th-difference = Forskjell
data-not-fitted = Ikke estimert, så tallene som bygger på dem, er utelatt:
data-no-fit-too-few = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    }, og modellen trenger minst { $needed }
data-no-fit-too-few-repeat = { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } med gjenkjøp, og modellen trenger minst { $needed }
data-no-fit-no-repeat = ingen kunde har kjøpt to ganger, så det finnes ingen kjøpsrate å estimere
data-no-fit-nobody-lost = ingen kunde har falt fra, så det finnes ikke noe frafall å estimere
data-no-fit-same-churn = kundene skiller seg ikke i frafall: lojaliteten forblir { $retention }, slik enkel CLV antar
data-no-fit-not-converged = estimatet stabiliserte seg ikke innen { $iterations } iterasjoner
data-no-fit-not-identified-parameter = dataene kan ikke fastsette parameteren { $parameter }: standardfeilen er mer enn { $bound } ganger verdien
data-no-fit-not-identified = dataene kan ikke fastsette parameterne: likelihoodfunksjonen faller ikke i alle retninger fra maksimumet
data-no-fit-no-prediction = den gir ingen prognose for noen kunder og kan derfor ikke prøves ut
data-no-p-alive = { $segment } — { $model } gir ingen P(aktiv) for { $customers ->
        [one] { $customers } kunde (rekken dens kan ikke summeres for den)
       *[other] { $customers } kunder (rekken dens kan ikke summeres for dem)
    }, så segmentets gjennomsnittlige P(aktiv), forventede kjøp og modellens CLV er utelatt, og P(aktiv)-diagrammet viser bare de øvrige.
data-tenure-title = Kundelojalitet etter kundeforholdets lengde
data-tenure-note = sBG-modellen (shifted beta-geometric): hver kunde har sin egen sannsynlighet for å si opp ved hver fornyelse, så lojaliteten stiger jo lenger kundeforholdet varer, fordi de som mest sannsynlig slutter, går først. Punktene er de observerte andelene, linjene modellen.
data-tenure-data = fra dataene
data-tenure-typed = tastet kurve
th-retention-by-renewal = Lojalitet ved fornyelse 1–5
th-sbg-clv = CLV med denne kurven
th-parameters = Parametere
th-model = Modell
chart-cohorts = Andel av hver kohort som kjøper per år: { $segment }
desc-cohorts = Én linje for hver av { $cohorts } kohorter etter første kjøp: andelen av kohortens kunder som kjøpte i hvert av de følgende kalenderårene.
chart-cohorts-x = År etter året for første kjøp
chart-cohorts-y = Andel av kohorten som kjøper
chart-p-alive = Kunder etter sannsynlighet for fortsatt å være aktive
desc-p-alive = Andelen av hvert segments kunder i hver tiendedel av P(aktiv), kjøpsmodellens sannsynlighet for at kunden ikke i det stille har falt fra.
chart-p-alive-y = Andel av kundene
chart-tenure = Kundelojalitet etter kundeforholdets lengde
desc-tenure = Kundelojalitet ved hver fornyelse: observerte andeler som grå punkter, sBG-modellen som linjer.
chart-tenure-x = Fornyelse (år som kunde)
chart-tenure-y = Lojalitet

## Programalternativer (options/*.yaml)
options-title = Programalternativer
options-base = Grunnscenario
options-verdict = { $best } har høyest forventet netto nåverdi ({ $npv }); { $safe } har minst nedsiderisiko, med P10 på { $p10 }.
options-verdict-same = { $option } har både høyest forventet netto nåverdi ({ $npv }) og minst nedsiderisiko, med P10 på { $p10 }.
options-note = Hvert alternativ er grunnscenariet med endringene som alternativets fil angir (fokussegmenter, virkemidler, innfasing, investering), beregnet med de samme formlene, trekningene og startverdien. NPV i forventet scenario er beregnet som ellers i rapporten; forventet NPV (snittet av simuleringene), P10 og P90 kommer fra simuleringen; sannsynligheten gjelder målet på { $target } for alternativets egne fokussegmenter.
options-base-mid = grunnscenariet
th-roi = ROI
th-investment-pv = Investering, nåverdi
th-payback = Tilbake­betalingstid
th-option = Alternativ
th-npv-likely = NPV, forventet scenario
th-expected-npv = Forventet NPV
th-npv-range = NPV P10 – P90
th-chance = Sannsynlighet for mål

## Abonnementssegmenter (monthly_price, monthly_churn)
subscription-payments = 12 (månedlig)
subscription-price = { $price } i måneden
subscription-churn = { $churn } frafall per måned
der-monthly-price = månedspris
der-monthly-churn = c = frafall per måned
lever-monthly_price = Månedspris
lever-monthly_churn = Frafall per måned

## Assets for the slide deck (build --assets)
sheet-touchpoint-gaps = Kontaktpunkter
sheet-problem-areas = Problemområder
sheet-problem-areas-from-data = Problemområder fra data
sheet-cash-flows = Kontantstrømmer
sheet-initiatives = Initiativer
sheet-market-gaps = Gap per marked
th-resource-share = Andel av ressurser
th-importance-share = Andel av viktighet
th-uplift-low = Løft, lav
th-uplift-likely = Løft, forventet
th-uplift-high = Løft, høy
th-npv-p10 = NPV P10
th-npv-p90 = NPV P90
th-payback-months = Tilbakebetaling, måneder

## Fra gap i kundereisen til penger (initiativer i journey.yaml)
section-initiatives = Fra gap i kundereisen til penger
th-initiative = Initiativ
th-initiative-value = Verdi
th-initiative-cost = Kostnad, nåverdi
th-net-value = Nettoverdi
th-per-krone = Verdi per krone
th-funded = I investeringen
initiative-funded = ja
initiative-action-add = Innfør
initiative-action-improve = Forbedre
initiative-action-reduce = Reduser
initiative-action-stop = Stopp
initiative-payback = år { $year }
initiative-payback-never = ikke innen { $years } år
initiatives-attribution = { $count ->
    [one] Ett initiativ bærer
   *[other] { $count } initiativer bærer
} { $attributed } av den forventede verdiøkningen på { $whole }; { $unattributed } ({ $share }) er ikke tilskrevet noe initiativ: den delen av spakenes effekt som ingen initiativer gjør krav på.
initiatives-note = Verdi: initiativets andel av hver spak det flytter, ganger spakens Shapley-verdi i segmentets forventede verdiøkning. Kostnad: engangsbeløp pluss løpende kostnad (timer til timesatsen) som nåverdi; negativ når initiativet frigjør mer enn det koster. Sortert etter nettoverdi.
initiatives-not-funded = Hvert initiativs verdi inngår i programmets verdiøkning, men ingen investeringspost finansierer { $count ->
    [one] dette initiativet, så kostnaden
   *[other] disse initiativene, så kostnadene
} er ikke med i netto nåverdi: { $names }.
initiatives-reallocation = Å redusere og stoppe kontaktpunkter frigjør { $hours } timer og { $budget } i året, { $freed } i året med timene til { $rate } i timen: { $share } av de { $needed } i året som de nye og forbedrede kontaktpunktene koster i drift. Det som frigjøres, regnes ikke med i netto nåverdi.
initiatives-reallocation-nothing-needed = Å redusere og stoppe kontaktpunkter frigjør { $hours } timer og { $budget } i året, { $freed } i året med timene til { $rate } i timen; de andre initiativene har ingen løpende kostnad. Det som frigjøres, regnes ikke med i netto nåverdi.
initiatives-reallocation-nothing-freed = Initiativene frigjør verken timer eller budsjett: de { $needed } i året som de nye og forbedrede kontaktpunktene koster i drift, er ny bruk av penger.
chart-initiatives = Verdi mot kostnad, per initiativ
chart-initiatives-x = Kostnad, nåverdi ({ $currency })
chart-initiatives-y = Verdi, forventet ({ $currency })
chart-initiatives-break-even = balanse: verdi = kostnad
desc-initiative = { $number } { $name }: verdi { $value }, kostnad { $cost }
cap-initiatives = { $count } av { $total } initiativer som koster penger, gir mer tilbake enn de koster: de over linjen. Numre som i tabellen.
cap-initiatives-none = Ingen initiativer koster penger: hvert frigjør mer enn det koster. Numre som i tabellen.
th-initiatives-value = Initiativenes verdi
journey-initiatives-value-note = Initiativenes verdi: verdien av initiativene på kontaktpunktet (se "Fra gap i kundereisen til penger"); et initiativ på flere kontaktpunkter deles likt mellom dem.
doubt-reduces-important = "{ $initiative }" reduserer "{ $touchpoint }", som kundene vurderer til { $importance } av 5, på eller over gjennomsnittlig viktighet: er innsatsen virkelig for stor?
der-initiative = Verdi, kostnad og nettoverdi av "{ $name }"
der-initiative-formula = verdi = Σ andel × spakens verdi; kostnad = engangsbeløp + (årlig + timer × timesats) × Σ (1+d)^−t, t = 1..H; nettoverdi = verdi − kostnad
der-initiative-result = verdi { $value } − kostnad { $cost } = nettoverdi { $net }
der-initiative-share = andel av { $lever }
der-initiative-lever-value = Shapley-verdi av { $lever }
der-initiative-lever-source = Shapley-verdi, se metoden
der-initiative-one-off = engangsbeløp
der-initiative-annual = årlig, i tillegg til timene
der-initiative-hours = timer i året
der-initiative-rate = timesats
method-initiatives = Initiativets verdi
method-initiatives-words = En spaks verdi i et segment er dens Shapley-verdi (Shapley 1953): dens marginale bidrag til den forventede verdiøkningen i gjennomsnitt over alle 24 rekkefølger de fire spakene kan slås på i, slik at de fire summerer seg til segmentets verdiøkning og ingen samspill telles to ganger. Et initiativ er verdt sine andeler av spakene det leverer; tilbakebetalingen leses av årlige verdier funnet på samme måte.

## Markeder side om side (markets og by_market i journey.yaml)
journey-markets = Markeder side om side
chart-ipa-markets = Viktighet mot prestasjon, per marked
chart-ipa-markets-x = Prestasjon (1–5)
chart-ipa-markets-y = Viktighet (1–5)
desc-ipa-market = { $market }: trådkors ved gjennomsnittlig viktighet { $importance } og gjennomsnittlig prestasjon { $performance }; "Konsentrer innsatsen her": { $numbers }.
cap-ipa-markets = Hvert marked vurdert for seg, nummerert som i gaplisten: der et kontaktpunkt flytter seg mellom panelene, trenger markedene ulike tiltak.
journey-markets-disagree = Kontaktpunktene der prioritet eller tiltak skiller seg mest mellom markedene: prioritet · tiltak i hvert marked.
th-market-priority = { $market }
th-priority-spread = Forskjell
journey-markets-overall = Samlet
touchpoint-market-scores = { $market }: viktighet { $importance }, prestasjon { $performance }
touchpoint-market-absent = { $market }: viktighet { $importance }, ikke til stede

## The path to a loyal customer (data section)
loyalty-title = Veien til en lojal kunde
loyalty-note = Nye kunder — ingen kjøp i de { $lapse } dagene med data før det første — der alle de første { $window } dagene er observert, etter trinnet de nådde innen de { $window } dagene: første kjøp, gjenkjøp, fast kunde og lojal ved kjøpsdag { $purchases }. Konvertering er andelen av trinnet før. Vunnet tilbake: av kundene med et opphold på mer enn { $lapse } dager mellom kjøp eller før slutten av observasjonsperioden, de som kjøpte igjen etter et slikt opphold.
loyalty-median-day = median dag { $day }
loyalty-win-back = { $returned } av { $lapsed } ({ $share })
loyalty-bottleneck = { $segment }: veien brytes mest fra { $from } til { $to }: { $conversion } går videre, mot { $all } i alle segmenter og { $best } i { $best_segment }. Med like god konvertering ville { $customers ->
        [one] ytterligere { $customers } av de { $at_from } kundene
       *[other] { $customers } flere av de { $at_from } kundene
    } på trinnet { $from } ha nådd { $to }, verdt { $value } i dekningsbidrag innen de første { $window } dagene.
loyalty-bottleneck-best = { $segment }: det svakeste trinnet målt mot alle segmenter er fra { $from } til { $to } ({ $conversion }, alle segmenter { $all }), og ingen segmenter med nok kunder konverterer bedre der.
th-loyalty-eligible = Kunder tatt med
th-win-back = Vunnet tilbake
stage-first_purchase = Første kjøp
stage-repeat = Gjenkjøp
stage-regular = Fast kunde
stage-loyal = Lojal
stage-purchase-day = kjøpsdag { $n }
chart-loyalty-path = Veien til en lojal kunde: { $segment }
cap-loyalty-path = { $segment }: { $share } av de nye kundene blir lojale innen perioden; veien brytes mest fra { $from } til { $to }.
desc-loyalty-stage = { $stage }: { $customers ->
        [one] { $customers } kunde
       *[other] { $customers } kunder
    } ({ $share })
th-stage = Trinn
th-purchase-day = Kjøpsdag
th-conversion = Konvertering
th-median-days = Median dager
cap-loyalty-path-best = { $segment }: { $share } av de nye kundene blir lojale innen perioden; ingen segmenter med nok kunder konverterer bedre på det svakeste trinnet.

## Win/loss over time
winloss-periods-note = winloss.yaml gir tallene per periode; tallene over gjelder alle periodene samlet.
winloss-trend-title = Vunne og tapte kunder og mersalg over tid
winloss-trend-note = { $segment }: forholdet mellom vunne og tapte { $ratio } i { $last }, { $ratio_last } mot { $before } og { $ratio_span } siden { $first }; mersalgsandel { $upsell } ({ $upsell_last } og { $upsell_span }).
chart-winloss-trend = Forholdet mellom vunne og tapte kunder og mersalgsandelen per periode
chart-winloss-trend-x = Periode
cap-winloss-trend = Hvert segments forhold mellom vunne og tapte kunder (vunne per tapt kunde) og mersalgsandel, periode for periode fra { $first } til { $last }.
th-period = Periode
loyalty-bottleneck-unvalued = { $segment }: veien brytes mest fra { $from } til { $to }: { $conversion } går videre, mot { $all } i alle segmenter og { $best } i { $best_segment }. Med like god konvertering ville { $customers ->
        [one] ytterligere { $customers } av de { $at_from } kundene
       *[other] { $customers } flere av de { $at_from } kundene
    } på trinnet { $from } ha nådd { $to }; hva det er verdt, kan ikke måles, fordi segmentet ikke har kunder på begge sider av trinnet.
loyalty-left-out = { $before } før dataene, { $recent } for nye
th-loyalty-left-out = Ikke tatt med
cap-winloss-trend-more = Diagrammet viser de første { $shown } av de { $count } segmentene som er talt per periode; tabellen viser alle.
stage-integrated = Integrert
stage-categories = { $n } varegrupper
loyalty-note-integrated = Integrert: lojal, og har kjøpt fra minst { $categories } varegrupper innen de samme { $window } dagene (en varegruppe teller med en linje over null: en retur er ikke et kjøp); nådd på den seneste av de to dagene.
economics-data-problems = Vurdert ut fra data: lav produktintegrasjon
data-problems-note = Integrert: lojal og kjøper fra minst { $categories } varegrupper innen de første { $window } dagene. Verdien som står på spill er dekningsbidraget innen de { $window } dagene som { $customers ->
        [one] ytterligere { $customers } integrert kunde
       *[other] { $customers } flere integrerte kunder
    } ville ha gitt utover det de ga som bare lojale kunder — kundene i dataene samlet, ikke en kundelevetidsverdi, så den rangeres ikke sammen med problemområdene over. Den sammenligner kunder; den beviser ikke at salg av flere varegrupper gir det ekstra dekningsbidraget.
summary-data-problem-item = { $current } av de lojale nye kundene ble integrerte, mot { $benchmark } i { $best_segment }; i det tempoet ville de ha gitt { $value } mer i dekningsbidrag innen de første { $window } dagene (alle nye kunder i dataene samlet; ikke en kundelevetidsverdi)
th-additional = Flere integrerte
th-categories = Varegrupper
th-loyal-to-integrated = Lojal → integrert
th-best-segment = Beste segment
