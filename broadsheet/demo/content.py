# Prose and Markdown read and diff better unwrapped, so long lines are expected here.
# ruff: noqa: E501
"""Demo content for Broadsheet.

Pure data, no Django imports, so the loader, tests and fixtures can all read it
cheaply. Every person, place, institution and figure here is invented for a
fictional demo site (the city of Port Calder, the Reserve Council, the Vell
river and so on); none of it describes or quotes real outlets or events.

Bodies are Markdown. Inline charts are written as
``![ALT](image:KEY "CAPTION")`` where KEY is a key in IMAGES; the loader
renders those with ``broadsheet.demo.pictures.bar_chart``.
"""

AUTHORS: list[dict] = [
    {
        "slug": "mara-lindqvist",
        "display_name": "Mara Lindqvist",
        "bio": (
            "Mara Lindqvist is Broadsheet's economics editor, covering public finances, "
            "interest rates and housing. Before journalism she spent eight years building "
            "budget models for a regional treasury. She is happiest when a spreadsheet "
            "contradicts a press release."
        ),
        "colour": "#2a6f97",
        "initials": "ML",
    },
    {
        "slug": "tomas-okafor",
        "display_name": "Tomas Okafor",
        "bio": (
            "Tomas Okafor writes about energy, climate and cities. He has reported from "
            "substations, flood defences and council chambers, and believes most big "
            "stories start in a planning document nobody read."
        ),
        "colour": "#8c2f39",
        "initials": "TO",
    },
    {
        "slug": "priya-raman",
        "display_name": "Priya Raman",
        "bio": (
            "Priya Raman covers technology and health, with a particular interest in data "
            "and how institutions use it. She previously worked as a hospital statistician. "
            "Her rule of thumb is to ask who collected a number before asking what it means."
        ),
        "colour": "#3a7d44",
        "initials": "PR",
    },
]

CATEGORIES: list[dict] = [
    {
        "slug": "economy",
        "name": "Economy",
        "description": "Public finances, jobs, prices and the forces shaping household budgets.",
        "parent": None,
    },
    {
        "slug": "markets",
        "name": "Markets",
        "description": "Interest rates, bonds and what financial markets are pricing in.",
        "parent": "economy",
    },
    {
        "slug": "energy",
        "name": "Energy & Climate",
        "description": "Power grids, home energy and the costs of a changing climate.",
        "parent": None,
    },
    {
        "slug": "technology",
        "name": "Technology",
        "description": "How data, chips and software are changing firms and public services.",
        "parent": None,
    },
    {
        "slug": "health",
        "name": "Health",
        "description": "Hospitals, the health workforce and public health, in numbers.",
        "parent": None,
    },
    {
        "slug": "cities",
        "name": "Cities",
        "description": "Local government, transport, housing and the elections that decide them.",
        "parent": None,
    },
]

PAGES: list[dict] = [
    {
        "slug": "about",
        "title": "About Broadsheet",
        "parent": None,
        "body": """\
Broadsheet publishes explanatory journalism about the economy, energy, technology, health and cities. We try to answer the questions readers actually ask, show the numbers behind the answers, and say plainly when the numbers are uncertain.

## What you are looking at

This is a **demo site**. The authors, places, institutions and figures in every article are invented to show how the platform handles long-form analysis, charts, key points and members-only stories. Port Calder does not exist, and neither does its bus lane.

## How we work

- Every article has a named author who is responsible for it.
- Charts are drawn from the figures quoted in the text, so the two always agree.
- We publish corrections openly; our ethics and corrections policy explains how.

## Membership

Most of Broadsheet is free to read. A small number of in-depth pieces are for members, who support the newsroom directly.
""",
    },
    {
        "slug": "ethics",
        "title": "Ethics and corrections",
        "parent": "about",
        "body": """\
We want readers to be able to trust what we publish, and to know what we do when we get something wrong.

## Our standards

1. We check every figure against its source before publication, and link to that source where we can.
2. We distinguish clearly between reporting, analysis and opinion.
3. We grant anonymity to sources only when they would face real harm by being named, and we explain why in the article.
4. Authors declare any financial or personal interest in a subject they cover.

## Corrections

When we make a factual error we correct the article and add a note at the end explaining what changed and when. We do not silently edit published figures.

> If you think we have made a mistake, tell us. A correction is not an embarrassment; an uncorrected error is.

To report an error, write to corrections@example.org with a link to the article and the passage concerned.
""",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "parent": None,
        "body": """\
## Newsroom

Story ideas, tips and questions about our coverage: newsdesk@example.org.

## Corrections

If you have spotted an error, write to corrections@example.org. Please include a link to the article.

## Members

Questions about your membership or access to members-only articles: members@example.org.

We read everything, though we cannot always reply individually.
""",
    },
]

IMAGES: list[dict] = [
    {
        "key": "budget-2026",
        "title": "Planned spending by department, 2026",
        "labels": [
            "Health",
            "Welfare",
            "Schools",
            "Defence",
            "Debt interest",
            "Transport",
            "Housing",
        ],
        "values": [118, 96, 71, 38, 31.5, 24.2, 14.8],
        "unit": "$bn",
        "alt": "Bar chart of 2026 planned spending by department, led by health at $118 billion",
        "caption": "Planned spending by department in the 2026 budget. Debt interest now exceeds the transport budget.",
        "credit": "Broadsheet graphics; invented demo data",
    },
    {
        "key": "bond-yields",
        "title": "Government bond yields by maturity, October 2026",
        "labels": ["3-month", "2-year", "5-year", "10-year", "30-year"],
        "values": [4.6, 3.9, 3.7, 3.9, 4.3],
        "unit": "%",
        "alt": "Bar chart of government bond yields by maturity, lowest at 3.7% for five-year bonds",
        "caption": "Yields by maturity at the start of October. The dip at five years suggests markets expect rate cuts.",
        "credit": "Broadsheet graphics; invented demo data",
    },
    {
        "key": "battery-capacity",
        "title": "Grid-scale battery capacity, 2021-2026",
        "labels": ["2021", "2022", "2023", "2024", "2025", "2026"],
        "values": [0.4, 0.9, 1.7, 2.8, 4.6, 7.1],
        "unit": "GW",
        "alt": "Bar chart of installed battery capacity rising from 0.4 GW in 2021 to 7.1 GW in 2026",
        "caption": "Installed grid-scale battery capacity each summer. Capacity has grown more than tenfold in five years.",
        "credit": "Broadsheet graphics; invented demo data",
    },
    {
        "key": "ai-tasks",
        "title": "What small firms use generative AI for",
        "labels": [
            "Drafting emails and documents",
            "Customer service chat",
            "Bookkeeping and invoices",
            "Marketing copy",
            "Coding help",
            "Hiring",
        ],
        "values": [58, 34, 27, 25, 14, 6],
        "unit": "%",
        "alt": "Bar chart of small-firm AI uses, led by drafting emails and documents at 58% of firms",
        "caption": "Share of firms with fewer than 50 staff using generative AI for each task in the past month.",
        "credit": "Broadsheet graphics; invented demo data",
    },
    {
        "key": "waiting-times",
        "title": "Median wait for planned treatment by specialty",
        "labels": [
            "Orthopaedics",
            "Ophthalmology",
            "Dermatology",
            "ENT",
            "Cardiology",
            "General surgery",
        ],
        "values": [31, 24, 22, 19, 17, 14],
        "unit": "weeks",
        "alt": "Bar chart of median hospital waits by specialty, longest in orthopaedics at 31 weeks",
        "caption": "Median wait in weeks for planned hospital treatment. Only general surgery is close to the 12-week standard.",
        "credit": "Broadsheet graphics; invented demo data",
    },
]

ARTICLES: list[dict] = [
    # Flagship: question headings with four figure-bearing key points each.
    {
        "slug": "budget-2026-four-questions",
        "title": "The 2026 budget in four questions",
        "standfirst": "The finance ministry's spending plan is bigger, tighter and more dependent on growth than it first appears.",
        "author": "mara-lindqvist",
        "categories": ["economy"],
        "tags": ["budgets", "interest rates", "housing"],
        "published": "2026-11-20T07:30",
        "body": """\
## How much is the government actually spending?

- Total spending rises to $412 billion, up 3.8% on last year but only 1.1% once inflation is stripped out.
- Day-to-day departmental budgets grow by $9.6 billion, while capital spending is held flat at $47 billion.
- Debt interest climbs to $31.5 billion, now larger than the entire transport budget of $24.2 billion.
- The plan assumes growth of 1.9% next year, a forecast 0.6 points above the average of independent estimates.

## Where does the extra money go?

- Health takes the largest share of new funding, $5.1 billion, most of it aimed at the backlog in planned surgery.
- Schools receive $1.8 billion, enough to cover pay settlements but not the 4% rise in pupil numbers in growing suburbs.
- Housing support gets $1.2 billion for 18,000 subsidised homes, far short of the 45,000 a year the ministry's own review recommended.
- The energy transition fund is cut from $6.4 billion to $5.7 billion, the only major line to shrink in cash terms.

![Bar chart of 2026 planned spending by department, led by health at $118 billion](image:budget-2026 "Planned spending by department in the 2026 budget. Debt interest now exceeds the transport budget.")

## Who pays for it?

- Income tax thresholds stay frozen for a fourth year, which the ministry expects to raise $7.3 billion by 2028.
- A new 2% levy on short-term rental income is forecast to bring in $410 million, a rounding error beside the deficit.
- Corporate tax is unchanged at 24%, but faster write-offs for equipment are extended, at a cost of $2.2 billion.
- Borrowing for the year is projected at $38 billion, equal to 3.1% of national income.

## What could knock it off course?

- Every 0.5 point shortfall in growth adds roughly $4 billion to borrowing, according to the ministry's own sensitivity tables.
- A 1 point rise in bond yields would lift interest costs by $3.4 billion within two years.
- Public-sector pay deals above the budgeted 3% would cost about $1.5 billion for each extra percentage point.
- Only $6 billion of headroom remains against the fiscal rule, the smallest buffer since the rule was introduced in 2019.
""",
    },
    # Members-only article: the loader should protect it with this password.
    {
        "slug": "rate-pause-until-spring",
        "title": "Inside the rate decision: why the pause could last until spring",
        "standfirst": "The Reserve Council held rates for a third meeting, and its minutes suggest members want more than one good inflation figure before they move.",
        "author": "mara-lindqvist",
        "categories": ["markets"],
        "tags": ["interest rates", "inflation", "bonds"],
        "published": "2026-11-12T08:00",
        "password": "demo",
        "body": """\
The Reserve Council left its policy rate at 4.25% this month, the third hold in a row, and the tone of the accompanying statement was more patient than markets had hoped. Futures pricing had implied roughly a 40% chance of a cut before the end of the year; by the close of trading that had fallen to about 15%.

This piece is for members, so it goes a little further into the numbers than our usual rates coverage.

### What the council is watching

Headline inflation has fallen to 2.7%, from a peak of 7.9% three years ago, but services inflation is stuck at 4.1%. That is the number the council keeps returning to. Services prices are driven mostly by wages, and private-sector wage growth is still running at 4.6%, well above the roughly 3.5% that would be consistent with the 2% target once productivity is taken into account.

Two members argued for a cut, according to the minutes, pointing to a softening jobs market: vacancies are down 22% from a year ago and the unemployment rate has edged up to 4.8%. The majority wanted to see that slack show up in pay settlements first.

### Why spring, not winter

The council's next forecast round lands in February, and the annual wage round for most large employers concludes in March. Members have said repeatedly that they would rather act with a full forecast in hand than between forecasts. Put those together and the first realistic window for a cut is the April meeting.

There is a scenario in which it comes sooner. If monthly services inflation prints below 0.2% for two consecutive months, the case for waiting weakens considerably. On our reading of the past decade, that has happened in only about one year in four.

### What it means for borrowers

For households on variable mortgages, a hold until April means roughly five more months of repayments at current levels. On a typical $320,000 loan, each 0.25 point cut is worth about $55 a month, so the difference between a December and an April cut is close to $220 for the average borrower. That is not nothing, but it is smaller than the swings in energy bills most households saw last winter.

Fixed-rate deals are a different story. Two-year fixed mortgage rates have already fallen by 0.4 points since the summer, because lenders price them off bond yields that anticipate the cuts. Borrowers waiting for the council may find the market has moved first.
""",
    },
    {
        "slug": "rents-cooling-unevenly",
        "title": "Rents are cooling, but not where renters live",
        "standfirst": "Average rent growth has halved in a year, yet in the districts with the most tenants it is barely slowing.",
        "author": "mara-lindqvist",
        "categories": ["economy"],
        "tags": ["housing", "inflation", "planning"],
        "published": "2026-06-09T09:15",
        "body": """\
The headline figure looks like relief. Advertised rents across the country rose 3.9% in the year to May, down from 8.1% a year earlier, and the monthly index has been flat since February. Landlord groups have called it a return to normal.

But an average across every listing hides where the listings are. Rents are cooling fastest in outer suburbs and smaller towns, where a wave of new build-to-rent blocks has added supply and where a larger share of households own their home anyway. In the inner districts where most renters actually live, the slowdown is much more modest.

| District type | Households renting | Rent growth to May 2025 | Rent growth to May 2026 |
|---|---|---|---|
| Inner city | 61% | 9.4% | 7.2% |
| Inner suburbs | 44% | 8.6% | 5.1% |
| Outer suburbs | 23% | 7.3% | 1.8% |
| Regional towns | 19% | 6.9% | 0.9% |

Weighting each district by the number of renting households, rather than the number of listings, gives a national rent growth figure of 5.6%, not 3.9%. That is still slower than last year, but it is a long way from normal for the people paying it.

### Why the gap

Two things explain most of it. First, new supply has landed in the wrong places for tenants. Of the roughly 21,000 rental homes completed in the past year, around two-thirds were in outer suburbs, where land was cheaper and planning approvals faster. Second, inner-city tenants are moving less often: the median tenancy has stretched from 26 months to 31, so fewer homes reach the market at all, and those that do are re-let at a premium.

### What would change it

Rent growth in the inner districts tends to follow vacancy rates with a lag of about nine months. Vacancy in the inner city is 1.4%, against 3.5% in the outer suburbs. Unless that gap narrows, it is hard to see inner rents falling into line with the headline. Planning reforms announced last year could help, but most of the sites they unlock will not produce homes before 2028.

For inflation, the picture matters too. Rent makes up about 7% of the consumer price basket, and the statistics office measures it using existing tenancies rather than new listings. That means the cooling in advertised rents will take a year or more to show up in the official figure, and when it does, the stickiness in the inner city will slow it further.
""",
    },
    {
        "slug": "bond-markets-slower-year",
        "title": "Bond markets have quietly priced in a slower year",
        "standfirst": "Government borrowing costs have fallen across most maturities since the summer, and the shape of the curve says investors expect growth to cool.",
        "author": "mara-lindqvist",
        "categories": ["markets"],
        "tags": ["bonds", "interest rates", "inflation"],
        "published": "2026-10-02T07:45",
        "body": """\
## How far have yields fallen?

- The 10-year government bond yield is 3.9%, down from 4.5% at the start of July, a fall of 0.6 points in three months.
- Two-year yields have dropped further, by 0.8 points to 3.9%, reflecting bets that the Reserve Council will cut next year.
- Only the 30-year yield has held up, at 4.3%, just 0.2 points below its summer level.
- Over the same period the yield on 3-month bills barely moved, slipping from 4.7% to 4.6%.

![Bar chart of government bond yields by maturity, lowest at 3.7% for five-year bonds](image:bond-yields "Yields by maturity at the start of October. The dip at five years suggests markets expect rate cuts.")

## What is the curve telling us?

- At 3.7%, the 5-year yield now sits below both the 2-year and the 10-year, a dip that appeared before 3 of the last 4 slowdowns.
- The gap between 3-month bills and 10-year bonds is -0.7 points, meaning investors accept less to lend for a decade than for a season.
- Market pricing implies around 1 percentage point of rate cuts over the next 18 months, roughly four 0.25 point moves.
- Inflation expectations derived from index-linked bonds are steady at 2.3%, so the move is about growth, not prices.

## Who gains and who loses?

- The Treasury saves an estimated $1.1 billion a year on new borrowing if yields stay at current levels.
- Pension funds holding long bonds have seen paper gains of about 6% on their 10-year holdings since July.
- Banks face narrower margins as lending rates fall faster than deposit rates, squeezing net interest income by up to 0.15 points.
- Savers are already feeling it, with the best one-year fixed deposit rate down from 5.1% to 4.4%.
""",
    },
    {
        "slug": "four-day-week-data",
        "title": "The four-day week is back, and this time there is data",
        "standfirst": "A two-year trial across 84 employers offers the most detailed evidence yet on what happens when the working week shrinks.",
        "author": "mara-lindqvist",
        "categories": ["economy"],
        "tags": ["labour market", "productivity"],
        "published": "2026-05-14T10:00",
        "body": """\
When a regional development agency invited employers to try a four-day week in 2024, it expected perhaps thirty to sign up. It got 84, ranging from a 12-person architecture practice to a logistics firm with 1,900 staff. The [final report](https://example.org/four-day-week-report), published this month, is the largest study of its kind in the region, and its results are more nuanced than either side of the debate tends to admit.

The design was simple: staff kept their full pay and were asked to deliver the same output in 32 hours instead of 37 or 40. Firms were free to choose how, whether a fixed Friday off, rotating days, or shorter days across the week.

The headline findings:

1. **Most firms kept it.** 71 of the 84 employers are still running a four-day week six months after the trial ended; 9 reverted to five days and 4 closed or were sold for unrelated reasons.
2. **Output held up, mostly.** Among firms that track it, revenue per employee rose 2.4% on average, but the spread was wide: a quarter of firms saw falls of more than 5%.
3. **Sick days fell.** Average sickness absence dropped from 6.8 days a year to 4.9, which firms valued at roughly $1,300 per employee.
4. **Hiring got easier.** Vacancies were filled in a median of 23 days, down from 38, and applications per advert nearly doubled.
5. **Shift-based work struggled.** Of the 9 firms that went back to five days, 7 ran shift rotas in warehousing, care or hospitality.

### Why the caveats matter

The trial was voluntary, so the firms in it were likely to be those that expected it to work. The report's authors acknowledge this, and compare participants with a matched group of 120 similar firms that did not take part. Against that benchmark, the productivity gain shrinks to about 1%, within the margin of error.

It also ran during a tight labour market. With unemployment under 4% for most of the period, recruitment and retention were the main pressures on employers, which is exactly where the shorter week seems to help most. Whether the benefits survive a downturn, when firms have less need to compete for staff, is an open question.

### What comes next

Two regional governments have said they will offer a tax credit of up to $2,000 per employee for firms that adopt a shorter week, and the national employers' federation has called for a larger trial that includes public services. For now, the evidence supports a modest claim: for office-based firms competing for skilled staff, a four-day week appears to cost little and help recruitment. For everyone else, the jury is out.
""",
    },
    {
        "slug": "batteries-evening-peak",
        "title": "Batteries are rewriting the evening peak",
        "standfirst": "Grid-scale storage has grown more than tenfold in five years, and it is starting to change what power costs after sunset.",
        "author": "tomas-okafor",
        "categories": ["energy"],
        "tags": ["batteries", "grid", "solar", "supply chains"],
        "published": "2026-08-18T08:30",
        "body": """\
## How much storage is on the grid now?

- Installed battery capacity reached 7.1 GW this summer, up from 0.4 GW in 2021 and 4.6 GW a year ago.
- That is enough to cover about 14% of a typical evening peak of 50 GW for two hours.
- Average battery duration has lengthened from 1.2 hours to 2.3 hours as cell prices fell by around 45%.
- A further 11 GW has planning consent, though only an estimated 3.5 GW of it has a grid connection date before 2028.

![Bar chart of installed battery capacity rising from 0.4 GW in 2021 to 7.1 GW in 2026](image:battery-capacity "Installed grid-scale battery capacity each summer. Capacity has grown more than tenfold in five years.")

## What has changed in the evening market?

- Wholesale prices between 6pm and 9pm have fallen 18% year on year, while daytime prices fell 9%.
- The spread between the cheapest and most expensive hour of a typical day narrowed from $142 to $96 per megawatt-hour.
- Gas plants ran for 1,100 fewer hours over the summer than a year earlier, a fall of about 23%.
- Batteries set the evening price on 31% of days in August, against just 6% two years ago.

## Where are the limits?

- Most batteries still empty in 2 to 3 hours, so they cannot bridge a windless winter spell that can last 5 to 7 days.
- Revenue per megawatt of storage has dropped 27% as more batteries compete for the same price spreads.
- Around 60% of cells are imported from two supplier countries, leaving projects exposed to tariff swings of 10% to 25%.
- Grid operators estimate 20 GW of storage would be needed by 2035 to retire the remaining peaking gas plants.
""",
    },
    {
        "slug": "grid-connection-queue",
        "title": "Why a grid connection now takes a decade",
        "standfirst": "More than 700 energy projects are waiting to plug in, and the queue is growing faster than the network can be built.",
        "author": "tomas-okafor",
        "categories": ["energy"],
        "tags": ["grid", "solar", "planning", "batteries"],
        "published": "2026-05-27T09:00",
        "body": """\
Ask a solar developer what slows them down, and the answer used to be planning permission. Now it is the grid. Projects that secure planning in a year or two are being offered connection dates in the mid-2030s, and some in the 2040s.

The numbers are stark. According to the transmission operator's latest register, 736 generation and storage projects are waiting for a connection, with a combined capacity of 214 GW. That is more than four times the country's peak demand. Around 58% of it is solar or batteries, most of it in rural areas where the local network was built to carry power away from a handful of large plants, not to collect it from hundreds of small ones.

### A queue with no exit

Part of the problem is the rules of the queue itself. For most of the past decade, connection offers were handed out first come, first served, with modest deposits and few milestones. Developers had every reason to apply early and speculatively, and many did. The operator now estimates that between 40% and 60% of projects in the queue will never be built, but they still hold places ahead of projects that are ready to go.

> We have projects with land, planning and finance sitting behind projects that are little more than a postcode and a deposit. The queue is measuring ambition, not readiness.

That was how one network planner put it to us, speaking on condition that they not be named because they are not authorised to talk to the press. Reforms introduced this spring try to fix that by requiring projects to show land rights and planning progress to keep their place. Early results suggest around 90 GW of applications may be removed or pushed back.

### The wires are the real constraint

Even a perfectly ordered queue would not solve the underlying shortage of network. The operator's investment plan calls for about 4,000 km of new high-voltage lines by 2035, roughly four times the rate of construction in the 2010s. Each major line takes seven to nine years from design to energisation, of which typically only two are spent building.

There are faster options at the edges. Letting projects connect on a "non-firm" basis, accepting that they will be switched off at times of congestion, could release an estimated 15 GW within three years. Pairing solar farms with batteries, so that they export at quieter times, helps too. But without the lines, the queue will keep growing, and the cheapest power the country could build will keep waiting for somewhere to go.
""",
    },
    {
        "slug": "heat-pumps-cold-snap",
        "title": "Heat pumps in a cold snap: what last winter's data showed",
        "standfirst": "Readings from 3,200 monitored homes suggest heat pumps coped well with the February freeze, with a few instructive exceptions.",
        "author": "tomas-okafor",
        "categories": ["energy"],
        "tags": ["home energy", "grid", "housing"],
        "published": "2026-05-20T08:00",
        "body": """\
When temperatures fell to -11°C for five days in February, sceptics predicted that heat pumps would fail just when they were needed most. A monitoring programme run by a consortium of housing associations and two universities now gives a clearer answer. It tracked 3,200 homes with heat pumps and 1,100 with gas boilers through the winter, logging indoor temperatures, electricity use and efficiency every 15 minutes.

The short version: most homes stayed warm, and the heat pumps stayed efficient, though less so than in milder weather.

| Outdoor temperature | Average efficiency | Heat pump homes below 18°C |
|---|---|---|
| Above 7°C | 3.6 | 2% |
| 0°C to 7°C | 3.0 | 3% |
| -5°C to 0°C | 2.5 | 5% |
| Below -5°C | 2.1 | 11% |

Efficiency here means units of heat delivered per unit of electricity used. At 2.1, even in the coldest spell, the heat pumps were more than twice as efficient as direct electric heating. In the comparison group, 4% of gas-heated homes fell below 18°C during the freeze: fewer, but not dramatically so.

### Where it went wrong

The 11% of heat pump homes that got cold in the freeze were not random. Three factors explained most of them:

- Undersized units, usually chosen by rule of thumb rather than a room-by-room heat loss calculation.
- Radiators left unchanged from the old boiler system, which need higher water temperatures than heat pumps provide efficiently.
- Controls set to turn the heating down sharply overnight, so the system struggled to recover by morning.

All three are installation and advice problems, not limits of the technology. Homes fitted under the newer installer standard, introduced in 2024, had just 4% below 18°C in the coldest period, the same as gas.

### What it meant for the grid

Peak electricity demand on the coldest evening reached 52.4 GW, a record, and heat pumps contributed an estimated 1.3 GW of it. With around 900,000 units installed, that is manageable. At the government's target of 4 million by 2032, the same weather could add 5 to 6 GW to the peak. That is why smarter controls that preheat homes in the afternoon, when power is cheaper and more plentiful, matter as much as the pumps themselves.
""",
    },
    {
        "slug": "flood-insurance-staying-put",
        "title": "Floods, insurance and the price of staying put",
        "standfirst": "As premiums in flood-prone districts climb, homeowners face a choice between paying more, protecting more or leaving.",
        "author": "tomas-okafor",
        "categories": ["energy", "cities"],
        "tags": ["climate risk", "housing", "local government"],
        "published": "2026-09-15T11:00",
        "body": """\
In the riverside suburbs of Port Calder, the annual insurance renewal letter has become something people dread. After the floods of 2024 and 2025, average home insurance premiums in the city's highest-risk postcodes have risen 64% in two years, to about $3,900 a year. In the lowest-risk areas they rose 12%.

Insurers say they are simply pricing risk more accurately. Modelling commissioned by the national insurance association suggests that around 410,000 homes, roughly 4% of the housing stock, face at least a 1% chance of flooding in any given year, and that the number could reach 600,000 by 2050 on current emissions paths. For those homes, the cost of cover is likely to keep rising faster than incomes.

### The options on the table

Households, councils and the government are weighing four broad responses, each with its own price tag:

1. **Subsidise premiums.** A reinsurance pool, funded by a levy of about $18 on every home policy, could cap premiums for high-risk homes. Critics argue it keeps people in harm's way.
2. **Protect individual homes.** Flood doors, raised electrics and non-return valves cost $8,000 to $25,000 per home and can cut repair bills after a flood by 60% or more. Take-up is low: fewer than one in ten eligible households claimed last year's grants.
3. **Build bigger defences.** The Vell river scheme would protect about 14,000 homes in Port Calder for $1.2 billion, roughly $86,000 per home before maintenance.
4. **Help people move.** Voluntary buyouts pay the full market value of a home but remove the risk for good. No council here has yet tried one at scale.

### Who bears the cost

The uncomfortable truth is that the choice is not only about money. Premium subsidies are the cheapest in the short term but spread the cost of climate risk across all policyholders, including those in low-risk areas. Defences protect whole neighbourhoods but take a decade to build. Buyouts are the most permanent but ask people to leave communities they may have lived in for generations.

What is clear from the numbers is that doing nothing is not free. Without intervention, the insurance association estimates that around 1 in 20 high-risk homes could become effectively uninsurable by 2030, which would make them hard to sell or mortgage. That would turn a climate risk into a housing and banking problem, and push the decision onto whichever government is in office when it arrives.
""",
    },
    {
        "slug": "small-firms-ai-uses",
        "title": "What small firms really use AI for",
        "standfirst": "A survey of 2,400 small businesses finds generative AI is common but shallow: used widely for writing, rarely for anything that changes how a firm works.",
        "author": "priya-raman",
        "categories": ["technology", "economy"],
        "tags": ["AI", "productivity", "labour market"],
        "published": "2026-07-21T08:15",
        "body": """\
## How many small firms use AI at all?

- 61% of firms with fewer than 50 staff used a generative AI tool in the past month, up from 38% a year earlier.
- Only 17% pay for a business subscription; the rest rely on free tiers or tools bundled into existing software.
- Use rises with size: 52% of firms with under 10 staff, against 79% of those with 20 to 49.
- Just 9% have a written policy on what staff may paste into AI tools, although 44% say they worry about data leaks.

![Bar chart of small-firm AI uses, led by drafting emails and documents at 58% of firms](image:ai-tasks "Share of firms with fewer than 50 staff using generative AI for each task in the past month.")

## What do they use it for?

- Drafting emails and documents is the most common task, at 58% of firms, well ahead of customer service chat at 34%.
- Bookkeeping and invoice processing comes third at 27%, mostly through features added to accounting software.
- Coding help is used by 14% of firms overall but by 71% of software and digital agencies.
- Only 6% use AI in hiring, and two-thirds of those limit it to writing job adverts.

## Is it paying off?

- Firms using AI daily report saving a median of 3.5 hours per employee per week, worth roughly $6,800 per employee a year.
- But only 12% say AI has let them delay or avoid a hire, and 2% report cutting staff because of it.
- Revenue per employee at regular users grew 4.1% last year, against 3.3% at non-users, a gap that shrinks to 0.3 points after allowing for sector.
- 23% of users say an AI error has caused a problem with a customer at least once, such as a wrong price or a misquoted policy.
""",
    },
    {
        "slug": "chip-shortage-never-ended",
        "title": "The chip shortage that never quite ended",
        "standfirst": "Consumer electronics have plenty of chips again, but the older, cheaper components that cars, appliances and power equipment depend on are still scarce.",
        "author": "priya-raman",
        "categories": ["technology", "markets"],
        "tags": ["supply chains", "AI"],
        "published": "2026-06-23T09:30",
        "body": """\
Three years ago the chip shortage was front-page news: car plants idled, games consoles vanished from shelves, and lead times for some components stretched beyond a year. Today, by most measures, it is over. Smartphone makers report ample supply, memory prices have fallen, and the average lead time across all semiconductors is back to about 14 weeks, close to its pre-pandemic level.

Look more closely, though, and a second shortage is still running, one that gets far less attention because the chips involved are cheap, old and unglamorous.

### Mature chips, immature supply

Most of the money and policy attention in semiconductors goes to leading-edge processors, the kind that power data centres and AI systems. But most chips by volume are made on older processes of 28 nanometres and above: power management chips, microcontrollers, sensors and analogue components. A typical car contains around 1,400 of them; a heat pump or smart meter, dozens.

Capacity for these mature chips has grown by only about 3% a year since 2022, while demand from electric vehicles, grid equipment and factory automation has grown by closer to 8%. Lead times for some power components are still above 30 weeks. A survey of 300 manufacturers found that 42% had delayed production in the past year for want of a component costing less than $5.

### Why no one builds the factories

The economics explain the gap. A new factory for mature chips costs $3 billion to $6 billion, a fraction of a leading-edge plant, but the chips sell for cents rather than hundreds of dollars, and margins are thin. Investors prefer the AI boom, where demand is visible and prices are high. Subsidy programmes have followed the same logic: of the roughly $45 billion in public support announced since 2022, our count suggests less than a fifth has gone to mature-node capacity.

There is also a concentration risk. An estimated 35% of the mature-node capacity added since 2022 is in a single country, raising the prospect that trade restrictions could recreate the shortage overnight.

### What firms are doing about it

Manufacturers have mostly responded by stockpiling. Component inventories at the firms we surveyed are up 40% on 2021 levels, tying up working capital that could be invested elsewhere. Some are redesigning products to accept chips from more than one supplier, which typically adds six to nine months to a product cycle. A handful of large carmakers have signed direct supply agreements with chip foundries, a move that would have been unthinkable a decade ago.

None of this makes headlines the way an empty console shelf did. But for the industries at the heart of the energy transition, the chip shortage is not history. It is a cost of doing business.
""",
    },
    {
        "slug": "smart-meter-privacy",
        "title": "Who reads your smart meter?",
        "standfirst": "Half-hourly energy data can reveal when you wake, cook and go on holiday, and the rules on who gets to see it are looser than most households assume.",
        "author": "priya-raman",
        "categories": ["technology", "energy"],
        "tags": ["privacy", "data", "home energy", "grid"],
        "published": "2026-10-14T10:00",
        "body": """\
There are now around 6.2 million smart meters in homes across the country, roughly 58% of households. Most send a reading every 30 minutes, or 17,520 readings a year, to a central data hub from which suppliers, network operators and, with permission, third parties can draw.

That data is useful. It makes bills accurate, lets networks see where demand is growing, and underpins time-of-use tariffs that pay households to shift usage away from the evening peak. But it is also revealing. University researchers showed last year that from half-hourly data alone they could infer with more than 80% accuracy whether a home was occupied, roughly when the occupants got up, and whether they were away for more than three days.

### What the rules say

Under the current data access code, households can choose between three settings:

- **Monthly readings**, the minimum needed for billing.
- **Daily readings**, the default for most suppliers.
- **Half-hourly readings**, which customers must actively agree to, unless their tariff requires it.

That last clause is doing a lot of work. Our review of 40 tariffs on offer in September found that 26 of them, including all of the cheapest time-of-use deals, require half-hourly access as a condition. In practice, the consent is bundled into the price.

> People think they are choosing a tariff. They are also choosing a data-sharing arrangement, and the second choice is hidden inside the first.

That was the assessment of a consumer advocate who reviewed the tariff terms for us. Network operators, separately, receive half-hourly data aggregated across groups of at least five homes, which they argue is anonymous. Privacy researchers are less sure: on a short street, five homes is not much of a crowd.

### What could change

The energy regulator is [consulting on three changes](https://example.org/smart-meter-data-consultation): a clearer consent screen at sign-up, a ban on selling half-hourly data to third parties for marketing, and an annual reminder of what data is being shared. Suppliers say the measures would add about $1.50 per customer per year in costs. Consumer groups want more, including a right to time-of-use tariffs that work from daily readings.

The underlying tension will not go away. The grid needs more detailed data to run a system with more solar, batteries and heat pumps; households have good reason to want less of their daily routine on file. How that trade-off is struck will shape how far people are willing to let their homes become part of the grid.
""",
    },
    {
        "slug": "open-data-portals-dark",
        "title": "Open data portals are quietly going dark",
        "standfirst": "A review of 60 local government data portals found that a third have not been updated in more than a year or have disappeared entirely.",
        "author": "priya-raman",
        "categories": ["technology", "cities"],
        "tags": ["data", "local government", "privacy", "budgets"],
        "published": "2026-08-05T12:00",
        "body": """\
A decade ago, publishing data was a badge of good government. Councils launched portals listing bus timetables, planning applications, every payment over $500 and the location of every public toilet. Developers built apps on top of them, and journalists, including ours, used them to hold councils to account.

We went back to check on 60 of them, covering every council with more than 100,000 residents. The results are not encouraging.

| Status of portal | Councils | Share |
|---|---|---|
| Updated within the last month | 14 | 23% |
| Updated within the last year | 26 | 43% |
| Not updated for over a year | 15 | 25% |
| Offline or redirected | 5 | 8% |

### Why portals are fading

The reasons are mostly mundane. Most portals were built with one-off grants between 2013 and 2017, and the software licences have since come up for renewal at between $20,000 and $80,000 a year. Council budgets have been squeezed, and a data portal is an easy line to cut because few residents notice its absence. Staff who championed open data have moved on; in 19 of the 60 councils we contacted, no one could tell us who was responsible for the portal.

Some of the data has moved rather than vanished. Planning applications are now usually published on dedicated planning sites, and spending data is sometimes available as spreadsheets on a council's main website. But these are harder to find and often in formats that make comparison between councils difficult.

### Why it matters

Open data was always sold partly on the promise of economic value, and estimates of that value were often inflated. Its more durable benefit is accountability. Spending data showed us last year that one council had paid a single consultancy $4.3 million without a competitive tender; we found it because the data was published in a consistent format, month after month.

There is a privacy dimension too. Some councils say they have pulled datasets because combining them could identify individuals, a risk that was poorly understood when the portals launched. That is a legitimate worry, but it argues for better anonymisation, not for publishing nothing.

The fixes are not expensive. A shared national platform, which several councils have proposed under the [open data charter](https://example.org/open-data-charter), would cost an estimated $3 million a year, less than the combined licence fees councils are currently paying for portals they no longer update.
""",
    },
    {
        "slug": "waiting-lists-by-numbers",
        "title": "Hospital waiting lists, by the numbers",
        "standfirst": "The waiting list for planned hospital treatment has stopped growing, but the average wait hides very different experiences by specialty.",
        "author": "priya-raman",
        "categories": ["health"],
        "tags": ["hospitals", "public health", "budgets"],
        "published": "2026-09-29T07:00",
        "body": """\
## How long is the list?

- 1.38 million people are waiting for planned hospital treatment, down from a peak of 1.46 million in January.
- The median wait is 18 weeks, against the 12-week standard the health ministry set in 2019.
- 212,000 people have waited more than a year, 15% of the list, down from 19% a year ago.
- The list has shrunk for 6 consecutive months, the longest run of falls since records began in 2012.

## Which treatments take longest?

- Orthopaedics has the longest median wait, at 31 weeks, with hip and knee replacements making up 40% of its list.
- Ophthalmology follows at 24 weeks, despite cataract operations rising 11% on last year.
- Dermatology waits have grown fastest, up 6 weeks in a year to 22 weeks, as referrals rose 17%.
- General surgery is closest to target, at 14 weeks, helped by 3 new day-surgery units opened in the spring.

![Bar chart of median hospital waits by specialty, longest in orthopaedics at 31 weeks](image:waiting-times "Median wait in weeks for planned hospital treatment. Only general surgery is close to the 12-week standard.")

## What is driving the improvement?

- Hospitals performed 2.9 million planned procedures in the past 12 months, 8% more than before the pandemic.
- Around 14% of those were carried out by private providers under public contracts, up from 9% in 2022.
- Missed appointments fell from 7.5% to 5.8% after text reminders were rolled out to 92% of hospitals.
- The budget is expected to add $5.1 billion for health, enough for an estimated 310,000 extra procedures next year.

## Will it last?

- Winter typically adds 40,000 to 60,000 people to the list as beds are diverted to emergency care.
- 1 in 11 nursing posts is vacant, and theatre staff shortages cancel an estimated 4% of scheduled operations.
- Referrals from family doctors are rising 3% a year as the population ages.
- The health ministry's own modelling gets the median wait back to 12 weeks only by 2029, and only if productivity grows 2.5% a year.
""",
    },
    {
        "slug": "nurse-pipeline",
        "title": "The nurse pipeline problem",
        "standfirst": "Applications to nursing degrees have fallen for three years running, and the hospitals that need nurses most are the least able to compete for them.",
        "author": "priya-raman",
        "categories": ["health"],
        "tags": ["hospitals", "labour market", "public health"],
        "published": "2026-06-02T08:45",
        "body": """\
Hospitals have spent two years trying to shrink waiting lists, and staffing is the constraint they mention most. One in eleven nursing posts is vacant, about 31,000 positions, and the gap is filled, expensively, by agency staff and overtime. Spending on agency nurses reached $2.4 billion last year, roughly double what it was in 2019.

The long-term fix is training more nurses. The trouble is that fewer people want to start.

### Fewer applicants, more dropouts

Applications to nursing degrees fell to 41,000 this year, down 18% from their peak in 2021, when the pandemic made the profession unusually visible. Acceptances have held up better, because universities have lowered entry requirements to fill places, but that has a cost: the share of students who leave before finishing has risen from 14% to 20%.

Students who drop out cite three things most often: money, placements and workload. Nursing students spend half of their course on unpaid clinical placements, often working shifts that make part-time jobs impossible. A maintenance grant of $5,000 a year, restored in 2023, has not kept pace with rents in the cities where most teaching hospitals are located.

### Where the gaps bite hardest

Vacancy rates are not evenly spread. Our analysis of workforce figures finds:

1. Hospitals in the outer regions have vacancy rates of 13.5%, against 7.2% in the capital.
2. Mental health services have the highest rate of any specialty, at 15%.
3. Community nursing, which keeps people out of hospital, has lost 6% of its posts since 2020.
4. More than a quarter of nurses are over 50, and an estimated 9,000 will retire in the next three years.

International recruitment has filled some of the gap: about 38% of newly registered nurses last year trained abroad. But other countries are competing for the same staff, and the health ministry has committed to reducing reliance on overseas recruitment by 2030.

### What would help

Proposals on the table include paying students during placements, writing off part of student loans for nurses who stay in public hospitals for five years, and funding more apprenticeships that let healthcare assistants train while working. The apprenticeship route is the cheapest per nurse, at an estimated $48,000 against $72,000 for a degree, and it recruits people who already live near the hospitals that need them.

None of these will show up on the wards quickly. A nurse who starts training next September will qualify in 2030. That is the uncomfortable arithmetic behind every promise to cut waiting lists faster.
""",
    },
    {
        "slug": "heatwaves-health-story",
        "title": "Heatwaves are a health story first",
        "standfirst": "Last summer's heat was linked to more excess deaths than any flood or storm in a decade, yet local heat plans remain patchy.",
        "author": "priya-raman",
        "categories": ["health"],
        "tags": ["public health", "climate risk", "hospitals"],
        "published": "2026-07-30T09:00",
        "body": """\
Extreme weather tends to be reported through its most visible damage: flooded streets, torn roofs, burnt hillsides. Heat leaves no such pictures. Yet on the health ministry's own estimates, the three heatwaves of last summer were associated with around 2,300 excess deaths, more than all the floods and storms of the past decade combined.

Most of those who died were over 75, and most died at home rather than in hospital. Many had heart or lung conditions that heat made worse. Their deaths rarely appear in the news as heat deaths at all.

### Who is most at risk

The risk is uneven in predictable ways. Older people are less able to regulate their body temperature and less likely to notice they are overheating. People living alone may have no one to check on them. And the homes that overheat most, such as top-floor flats, poorly ventilated buildings and districts with little tree cover, are disproportionately where people on low incomes live.

In Port Calder, satellite data shows that the hottest neighbourhoods on a summer afternoon can be 6°C warmer than leafier suburbs only a few kilometres away. Those districts also have some of the highest rates of chronic illness in the city.

### What a heat plan looks like

The national heat plan asks local health services to do several things when a heat alert is issued: contact vulnerable patients, open cool spaces, adjust care home routines and warn the public. Implementation varies widely. Of the 44 local health authorities we contacted, 29 said they had a list of vulnerable patients to call, but only 12 had tested it in the past year.

> The alert goes out, everyone agrees heat is dangerous, and then we discover that the list of people to call is two years out of date. Heat is the one emergency we can see coming days ahead, and we still get caught out.

That was the view of a public health director in one of the regions worst affected last summer. Her authority has since linked its call list to the family doctor register so that it updates automatically.

### Spending to save lives

The costs of doing better are small beside the costs of doing nothing. Cooling a care home's communal rooms costs around $15,000; planting trees along a street can lower peak surface temperatures by 2°C to 4°C; a phone call from a nurse during a heatwave costs a few dollars. Hospitals, meanwhile, saw emergency admissions rise by 9% during the worst week of last summer.

Climate projections suggest that summers as hot as last year's will be normal by the 2040s. Treating heat as a health emergency, rather than a weather story, is the first step towards being ready.
""",
    },
    {
        "slug": "five-things-mayoral-race",
        "title": "Five things that decided the mayoral race",
        "standfirst": "Ines Karlberg's narrow win in Port Calder owed more to buses, rents and second preferences than to the national mood.",
        "author": "tomas-okafor",
        "categories": ["cities"],
        "tags": ["local elections", "transport", "housing"],
        "published": "2026-11-06T07:15",
        "body": """\
Ines Karlberg won the Port Calder mayoralty on Tuesday by 51.8% to 48.2% after second preferences, a margin of just under 9,000 votes from more than 246,000 cast. Her opponent, Daniel Ashworth, led on first preferences in 11 of the city's 22 wards. Here are five things that made the difference.

1. **Transport was the top issue.** In the final pre-election poll, 34% of voters named transport as their main concern, ahead of housing at 29% and crime at 14%. Karlberg's promise to freeze bus fares at $2 for four years was the most recognised policy of the campaign, known to 68% of voters.

2. **Renters turned out.** Turnout in the six wards with the highest share of renting households rose by 3 points on the last election, against a fall of 2 points across the other inner wards. Karlberg won all six, four of them by more than 20 points.

3. **The bus lane cut both ways.** The dispute over the Harbour Road bus lane dominated local coverage for months. Ashworth won the wards along the route by a wider margin than expected, but the issue also energised younger voters in the city centre, where Karlberg's vote rose most.

4. **Second preferences broke her way.** Supporters of the Green candidate, who finished third with 12% of first preferences, gave their second preferences to Karlberg by a ratio of roughly 3 to 1. Without them, Ashworth would have won.

5. **The suburbs moved less than expected.** Ashworth's campaign centred on property tax and had hoped for big gains in the outer suburbs. He improved on his party's previous share there by about 2 points, not the 5 or 6 his strategists had hoped for.

### What it means

Karlberg takes office with a thin mandate and a council where her party holds 27 of 60 seats, so every budget will need cross-party support. Her first test is the fare freeze itself, which officials estimate will cost $14 million a year at a time when the city faces a projected shortfall of $41 million in 2027.

Her victory speech focused on "a city that works for people who don't drive", a pitch that landed in the inner wards. Whether she can keep the outer suburbs on side when the budget decisions arrive will decide whether this result is a turning point or a one-off.
""",
    },
    {
        "slug": "bus-lane-split-council",
        "title": "The bus lane that split a council",
        "standfirst": "A 2.4-kilometre bus lane on Harbour Road has become Port Calder's most argued-over strip of tarmac, and the data so far fully favours neither side.",
        "author": "tomas-okafor",
        "categories": ["cities"],
        "tags": ["transport", "local government", "planning"],
        "published": "2026-08-26T10:30",
        "body": """\
When Port Calder council painted a bus lane along Harbour Road in March, it expected some grumbling. It did not expect the lane to become the defining issue of the mayoral election. Five months on, a petition to remove it has 19,000 signatures, a counter-petition to keep it has 16,500, and the council's transport committee has split along lines that cut across party.

The lane runs for 2.4 km between the ferry terminal and the central station, operating from 7am to 7pm on weekdays. It took one of two general traffic lanes in each direction, and the council promised a six-month trial with published data. The interim figures, released this month, give both camps something to quote.

### What the numbers show

Buses are faster. Average journey times for the four routes using the corridor have fallen from 19 minutes to 13 at peak times, and reliability, measured as the share of buses arriving within two minutes of schedule, has risen from 61% to 84%. Passenger numbers on those routes are up 14%, against 4% across the network.

Cars are slower, but by less than opponents claim. Peak car journey times along the corridor have risen from 11 minutes to 15. Traffic counts on Harbour Road itself are down 22%, but about a third of that traffic appears to have moved onto parallel residential streets, where counts have risen by 9%.

Businesses on the road report mixed results. A survey by the local traders' association found 41% of members said trade had fallen, while the council's card-spending data shows takings along the corridor up 2%, in line with the city as a whole.

### The politics of tarmac

> Every single person on this committee wants better buses. What we disagree about is whether you get them by taking road space from people who have no other way to get to work.

That was how one committee member summed it up at July's meeting, which ran for four hours and ended without a vote. The disagreement is real. Bus users along the corridor are younger and less likely to own a car; the drivers most affected tend to commute from outer suburbs with infrequent bus services.

Planning officers have suggested a compromise: keep the lane at peak hours only, and add traffic calming on the residential streets now taking diverted traffic, at a cost of around $1.8 million. The trial ends in September, but the committee has already signalled that the final vote will wait for whoever wins the mayoralty in November.
""",
    },
    {
        "slug": "city-budget-flat-property-tax",
        "title": "Can a city budget survive flat property taxes?",
        "standfirst": "Port Calder has frozen its property tax for four years while its costs rose by a fifth, and the reserves that bridged the gap are nearly gone.",
        "author": "mara-lindqvist",
        "categories": ["cities", "economy"],
        "tags": ["budgets", "local government", "housing"],
        "published": "2026-10-21T09:00",
        "body": """\
Property tax has not gone up in Port Calder since 2022. For homeowners that has been welcome: a typical household pays $1,940 a year, the same as four years ago, while prices elsewhere climbed. For the city, it has meant filling a widening gap with savings, fees and cuts. That approach is close to running out.

The city's own budget papers set out the squeeze. Spending on the services it is legally required to provide, such as social care, waste collection and homelessness support, has grown much faster than its income.

| Budget line | 2022 | 2026 | Change |
|---|---|---|---|
| Property tax income | $312m | $318m | +2% |
| Grants from national government | $205m | $221m | +8% |
| Fees and charges | $96m | $124m | +29% |
| Adult social care spending | $188m | $241m | +28% |
| Homelessness and temporary housing | $27m | $52m | +93% |
| General reserves at year end | $118m | $34m | -71% |

Property tax income rose slightly only because new homes were added to the tax base; the rate itself has not changed.

### How the gap was filled

Three things have kept the books balanced. Fees and charges have risen sharply: parking, planning applications, garden waste collection and sports facilities all cost more. Discretionary services have been cut: library hours are down by a quarter, and two of the city's nine leisure centres have closed. And reserves have been drawn down from $118 million to $34 million, well below the $50 million the city's auditors regard as a prudent minimum.

Homelessness is the fastest-growing cost. The number of households in temporary accommodation has nearly doubled to 2,100, and because the city relies heavily on hotels and short-term lets, the average cost per household has risen too. This is the line that most alarms the finance team.

### What the next mayor faces

The projected shortfall for 2027 is $41 million. Closing it without raising property tax would mean cuts of around 7% across every service the city is not legally obliged to run, or an equivalent rise in fees. Raising property tax by the maximum 5% allowed without a referendum would bring in about $16 million: helpful, but not enough on its own.

Both leading mayoral candidates have promised to keep the freeze for at least another year. Whoever wins on 3 November will present a first budget in February, and it will show whether that promise can survive contact with the spreadsheet. The honest reading of the numbers is that something has to give: taxes, services, or the city's ability to absorb the next shock.
""",
    },
    {
        "slug": "turnout-suburbs",
        "title": "Turnout fell everywhere except the suburbs",
        "standfirst": "Ward-level results from last week's local elections show participation dropping in cities and towns alike, with one notable exception.",
        "author": "tomas-okafor",
        "categories": ["cities"],
        "tags": ["local elections", "data", "local government"],
        "published": "2026-11-09T08:00",
        "body": """\
Turnout in last Tuesday's local elections was 33.9% across the 48 councils that held them, down from 36.4% four years ago and the lowest since these councils moved to a common election date in 2010. But the fall was not uniform. Our analysis of results from 1,312 wards shows that participation rose in one type of place: the outer suburbs of large cities.

| Ward type | Wards | Turnout 2022 | Turnout 2026 | Change (points) |
|---|---|---|---|---|
| Inner city | 286 | 31.2% | 28.7% | -2.5 |
| Inner suburbs | 341 | 37.9% | 35.6% | -2.3 |
| Outer suburbs | 298 | 40.1% | 41.4% | +1.3 |
| Small towns | 227 | 36.8% | 32.9% | -3.9 |
| Rural | 160 | 38.5% | 34.2% | -4.3 |

### Why the suburbs bucked the trend

The most likely explanation is that the suburbs had something specific to vote about. In many of the larger cities, property taxes, road space and new housing developments were central to the campaigns, and those issues land hardest in outer suburbs, where home ownership and car use are highest. In Port Calder, for example, turnout in the outer suburban wards rose by 2.8 points, even as the winning mayoral candidate gained most in the inner city.

Postal voting also played a part. The share of votes cast by post in outer suburban wards reached 38%, compared with 24% in inner-city wards, and postal voters turn out at much higher rates once registered.

### The inner-city puzzle

The inner-city fall is harder to read. These wards have younger, more mobile populations, and the electoral register struggles to keep up: an estimated 18% of inner-city residents are not registered at their current address, against 6% in the outer suburbs. Some of the apparent fall in turnout reflects people who have moved away but are still on the register, which inflates the number of possible voters.

Even allowing for that, fewer inner-city residents voted. In Port Calder, where renters did turn out in greater numbers, the increase was confined to six wards with unusually active campaigns.

### What it means for councils

Low turnout matters because councils elected by a third of the electorate still set budgets for everyone. A councillor elected with 1,800 votes in a ward of 9,000 adults may be deciding on services that matter most to the people who did not vote. Automatic voter registration, which the electoral commission has recommended twice, would address the register problem. Persuading people to vote for councils whose powers they barely know is harder, and no database can fix that.
""",
    },
]
