"""A small template grammar that writes plausible analysis articles and reader comments.

Used by `broadsheet manage generate-site` to fill benchmark and scale-test sites. Pure Python
with no Django imports; every choice comes from the `random.Random` passed in, so a seed gives
the same site every time. All places, institutions and people are invented (the same fictional
world as the demo: Port Calder, the Reserve Council, the Vell river).

Article bodies have the page shape of DESIGN.md: an intro, 3 or 4 question headings each followed
by a lead sentence and four key-point bullets carrying figures, and a closing paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

# --- The world -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A top-level category, its children, and what its articles talk about."""

    slug: str
    name: str
    description: str
    children: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]
    # (child slug, child name, topics, metrics)


SECTIONS: tuple[Section, ...] = (
    Section(
        "economy",
        "Economy",
        "Public finances, jobs, prices and the forces shaping household budgets.",
        (
            (
                "markets",
                "Markets",
                ("bond yields", "interest rates", "the currency", "pension funds", "buybacks"),
                ("the ten-year yield", "the policy rate", "fund inflows", "trading volumes"),
            ),
            (
                "jobs",
                "Jobs",
                ("the four-day week", "youth unemployment", "wage growth", "remote work"),
                ("the unemployment rate", "job vacancies", "average weekly pay", "hours worked"),
            ),
            (
                "housing",
                "Housing",
                ("rents", "first-time buyers", "social housing", "housebuilding", "empty homes"),
                ("the average rent", "new homes completed", "mortgage approvals", "house prices"),
            ),
            (
                "trade",
                "Trade",
                ("export tariffs", "shipping costs", "the trade deficit", "food imports"),
                ("exports", "container rates", "the trade gap", "import prices"),
            ),
        ),
    ),
    Section(
        "politics",
        "Politics",
        "Elections, parliaments and the decisions that shape public life.",
        (
            (
                "elections",
                "Elections",
                ("voter turnout", "postal voting", "campaign spending", "boundary changes"),
                ("turnout", "registered voters", "campaign spending", "the swing"),
            ),
            (
                "councils",
                "Councils",
                ("council budgets", "local taxes", "bin collections", "library closures"),
                ("council spending", "the local tax rate", "reserves", "staff numbers"),
            ),
            (
                "policy",
                "Policy",
                ("welfare reform", "the pension age", "childcare funding", "public pay"),
                ("welfare spending", "the childcare budget", "the public pay bill", "claimants"),
            ),
        ),
    ),
    Section(
        "energy",
        "Energy & Climate",
        "Power grids, home energy and the costs of a changing climate.",
        (
            (
                "power",
                "Power",
                ("grid batteries", "offshore wind", "heat pumps", "the power grid", "solar farms"),
                ("installed capacity", "the wholesale power price", "grid connections", "output"),
            ),
            (
                "water",
                "Water",
                ("water bills", "sewage spills", "reservoir levels", "leaking pipes"),
                ("water lost to leaks", "the average bill", "spill hours", "reservoir storage"),
            ),
            (
                "weather",
                "Weather",
                ("flood defences", "heatwaves", "drought planning", "storm damage"),
                ("insured losses", "rainfall", "homes at risk of flooding", "hot days"),
            ),
        ),
    ),
    Section(
        "technology",
        "Technology",
        "How data, chips and software are changing firms and public services.",
        (
            (
                "software",
                "Software",
                ("generative AI", "open-source software", "cloud costs", "public-sector IT"),
                ("software spending", "licence fees", "projects delivered late", "users"),
            ),
            (
                "chips",
                "Chips",
                ("chip factories", "semiconductor supply", "data centres", "electricity demand"),
                ("chip output", "data-centre capacity", "investment", "wafer prices"),
            ),
            (
                "data",
                "Data & Privacy",
                ("data breaches", "facial recognition", "health data", "online safety"),
                ("reported breaches", "fines issued", "complaints", "records exposed"),
            ),
        ),
    ),
    Section(
        "health",
        "Health",
        "Hospitals, the health workforce and public health, in numbers.",
        (
            (
                "hospitals",
                "Hospitals",
                ("waiting lists", "emergency care", "hospital beds", "ambulance times"),
                ("the median wait", "beds occupied", "operations performed", "handover delays"),
            ),
            (
                "public-health",
                "Public health",
                ("vaccination", "obesity", "air pollution", "smoking rates", "mental health"),
                ("vaccine uptake", "hospital admissions", "prescriptions", "life expectancy"),
            ),
            (
                "workforce",
                "Workforce",
                ("nurse recruitment", "GP shortages", "agency staff", "training places"),
                ("vacancies", "agency spending", "staff leaving", "training places filled"),
            ),
        ),
    ),
    Section(
        "cities",
        "Cities",
        "Local government, transport, housing and the elections that decide them.",
        (
            (
                "transport",
                "Transport",
                ("bus lanes", "rail fares", "cycle routes", "road repairs", "the tram extension"),
                ("passenger numbers", "journey times", "fare revenue", "potholes reported"),
            ),
            (
                "planning",
                "Planning",
                ("planning permission", "green belt", "high streets", "office conversions"),
                ("applications approved", "decision times", "empty shops", "land values"),
            ),
        ),
    ),
    Section(
        "education",
        "Education",
        "Schools, universities and what children and students get from them.",
        (
            (
                "schools",
                "Schools",
                ("class sizes", "school meals", "teacher pay", "exam results", "absence"),
                ("pupils per teacher", "the attendance rate", "pass rates", "school budgets"),
            ),
            (
                "universities",
                "Universities",
                ("tuition fees", "student loans", "international students", "research funding"),
                ("applications", "student debt", "research grants", "graduate pay"),
            ),
        ),
    ),
    Section(
        "culture",
        "Culture",
        "Books, screens, music and the economics behind them.",
        (
            (
                "books",
                "Books",
                ("independent bookshops", "audiobooks", "library lending", "literary prizes"),
                ("book sales", "loans", "shop openings", "author incomes"),
            ),
            (
                "screen",
                "Film & TV",
                ("streaming prices", "cinema audiences", "film tax credits", "local television"),
                ("admissions", "subscriptions", "production spending", "viewing hours"),
            ),
        ),
    ),
)

PLACES = (
    "Port Calder",
    "the Vell valley",
    "Northmere",
    "Ashby Cross",
    "Kestrel Bay",
    "Lowenford",
    "Stonemarch",
    "Eastreach",
    "Hollin Moor",
    "Saltwick",
    "Greyhaven",
    "Brannock",
)
ACTORS = (
    "the Reserve Council",
    "the city council",
    "the regional health board",
    "the transport authority",
    "the treasury",
    "the energy regulator",
    "the statistics office",
    "the schools inspectorate",
    "the ports authority",
    "the housing agency",
    "the audit office",
    "the opposition",
)
DOCUMENTS = (
    "annual report",
    "spending review",
    "quarterly bulletin",
    "audit",
    "consultation paper",
    "budget statement",
    "independent review",
)
GROUPS = (
    "households",
    "renters",
    "small firms",
    "pensioners",
    "commuters",
    "parents",
    "young workers",
    "landlords",
    "patients",
    "students",
)
TRENDS = (
    "rising",
    "falling",
    "stalling",
    "recovering",
    "slowing",
    "climbing",
    "shrinking",
    "getting worse",
)
ADJECTIVES = ("complicated", "uneven", "worrying", "hopeful", "surprising", "familiar", "stubborn")
EXTRA_TAGS = ("analysis", "explainer", "data", "budget", "investigation", "interview", "long read")

FIRST_NAMES = (
    "Ada", "Amara", "Anders", "Aoife", "Arjun", "Aylin", "Beatriz", "Bram", "Camille", "Chidi",
    "Dalia", "Dmitri", "Eamon", "Elif", "Emeka", "Esther", "Farah", "Felix", "Grace", "Hamid",
    "Hana", "Idris", "Ines", "Jonas", "Jun", "Kaito", "Keira", "Lars", "Leila", "Lucia",
    "Malik", "Marek", "Mei", "Nadia", "Niamh", "Noor", "Oren", "Paola", "Quentin", "Rafael",
    "Rosa", "Sanjay", "Selin", "Siddharth", "Sofia", "Tariq", "Theo", "Ula", "Valentina", "Wren",
    "Yara", "Yusuf", "Zainab", "Zofia", "Søren", "Zoë", "José", "Ayşe", "Renée", "Łukasz",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Alvarez", "Bergstrom", "Brennan", "Castell", "Chowdhury", "Dalgarno", "Delacroix",
    "Eriksen", "Fairweather", "Farouk", "Gallagher", "Hadley", "Haraldsen", "Ibekwe", "Iversen",
    "Jaworski", "Kapoor", "Kellerman", "Kovac", "Lindgren", "Llewellyn", "Marchetti", "Mbeki",
    "Moreau", "Nakamura", "Novak", "Oduya", "Okonkwo", "Pereira", "Quayle", "Rahman", "Renwick",
    "Sato", "Serrano", "Sokolova", "Strand", "Tanaka", "Thorne", "Umeh", "Varga", "Vasquez",
    "Whitlock", "Yilmaz", "Zielinski", "Ashworth", "Baptiste", "Cormack", "Dunmore", "Ekwueme",
)  # fmt: skip

# --- Templates -------------------------------------------------------------------------------
# {Name} with a capital first letter asks for the same value capitalised.

TITLES = (
    "What the latest figures say about {topic}",
    "The hidden cost of {topic} in {place}",
    "How {actor} plans to fix {topic}",
    "Who really pays for {topic}?",
    "{Topic} after the {document}: winners and losers",
    "Inside {place}'s fight over {topic}",
    "Why {actor} is betting on {topic}",
    "{Topic} in {place}: five numbers that explain the row",
    "The quiet change in {topic} that nobody voted for",
    "Is {topic} really {adjective}? The data says no",
    "What {actor}'s new plan means for {topic}",
    "The case for rethinking {topic}",
    "{Topic} in {place} changed course this year. Here is why",
    "Four questions about {topic} in {year}",
    "Why {groups} in {place} are worried about {topic}",
    "The {year} {document} and what it means for {topic}",
    "The {adjective} problem with {topic}",
    "Where the money for {topic} actually goes",
)
STANDFIRSTS = (
    "{Actor} says the worst is over, but the numbers tell a more {adjective} story.",
    "A close reading of the {document} shows who gains, who loses and what is still unknown.",
    "{Groups} in {place} are feeling it first. The rest of the country may follow.",
    "The headline figure looks reassuring. The detail underneath it does not.",
    "We went through {years} years of data on {metric} to see what has really changed.",
    "For a decade {topic} barely moved. In {year} that changed, and fast.",
    "The argument is loud; the evidence is quieter, and more {adjective}.",
)
INTROS = (
    "{Actor} published its {document} this week, and the figure everyone noticed was {money}.",
    "For most of the past decade, {topic} in {place} barely moved. That has changed.",
    "Few numbers matter more to {groups} than {metric}, and few are as poorly understood.",
    "The row over {topic} has become one of the most heated in {place}.",
    "Officials insist the trend is temporary. The data suggests otherwise.",
    "We went through {years} years of figures to see what is really going on.",
    "Ask ten people in {place} about {topic} and you will hear ten different stories.",
    "On paper, {metric} went the right way last year. In {place}, the picture is more {adjective}.",
)
QUESTIONS = (
    "What has changed?",
    "Who is affected?",
    "How big is the gap?",
    "Who gains and who loses?",
    "How does {place} compare?",
    "Why now?",
    "What happens next?",
    "What are the risks?",
    "Where does the money go?",
    "What do the critics say?",
    "Are we measuring the right thing?",
    "What does {actor} want?",
    "How did we get here?",
    "Could it be reversed?",
)
LEADS = (
    "The short answer is: more than the headlines suggest.",
    "The figures point in one direction.",
    "It depends on where you look.",
    "Start with the money.",
    "Here is what the {document} shows.",
    "The evidence is patchy, but a pattern emerges.",
    "{Actor} has its own view of this.",
)
BULLETS = (
    "{Metric} reached {money}, up {pct} on a year earlier",
    "{Place} spent {money}, far behind {place2} at {money2}",
    "About {ratio} {groups} say they have cut back because of {topic}",
    "{count} {units} in {year}, against {count2} the year before",
    "{Actor} expects {metric} to change by {pct} by {future}",
    "The typical wait for a decision fell from {weeks} weeks to {weeks2} weeks",
    "{Metric} {trend_past} in {n} of the last {years} quarters",
    "Spending per head is {money_small} in {place}, the highest of any region",
    "{pct} of the {document}'s budget goes on {topic}",
    "Since {past}, {metric} fell by {pct} in real terms",
    "{Place2} raised {money} for {topic} last year; {place} raised {money2}",
    "Complaints about {topic} rose to {count}, a record",
    "{Actor} set aside {money} for {topic}, {pct} less than it asked for",
    "Forecasts for {metric} in {future} range from {pct} to {pct2} higher",
    "{count} {units} are still waiting, {pct} more than in {past}",
    "Staff costs make up {pct} of the total, against {pct2} in {past}",
    "Roughly {ratio} {groups} in {place2} have never heard of the scheme",
    "The {document} puts the long-term cost at {money}",
    "Only {ratio} projects on {topic} finished on time and on budget",
    "A {money} gap remains between what was promised and what was paid",
)
MIDDLES = (
    "That matters because {groups} feel the change long before it shows up in an official table.",
    "{Actor} disputes the comparison, arguing that {place} started from a different base.",
    "The {document} is careful not to say so directly, but its appendix tells the same story.",
    "Economists we spoke to were split on whether the shift will last beyond {future}.",
    "Local officials in {place2} describe a similar pattern, if on a smaller scale.",
    "Part of the explanation is simply timing: the comparison year, {past}, was unusually weak.",
    "None of these numbers is secret, yet they rarely appear side by side.",
    "The gap between {place} and {place2} has widened in each of the last {n} years.",
    "Even the most optimistic forecast leaves {metric} well short of its {past} level.",
)
CLOSINGS = (
    "None of this settles the argument, but it changes what the argument is about.",
    "The next figures are due in {month}. Expect the debate to continue.",
    "{Actor} will have to show its plan adds up before {future}.",
    "For {groups} in {place}, the numbers are already more than a matter of debate.",
    "What happens to {topic} next will say a lot about {year} as a whole.",
)
COMMENTS = (
    "Good piece. We have watched {topic} change in {place} for years and nobody in charge noticed.",
    "Where does the {money} figure come from? I could not find it in the {document}.",
    "I work in {topic} and this matches what we see every day.",
    "The chart on {metric} would look very different if it started ten years earlier.",
    "Thanks for explaining this clearly. My family has been arguing about {topic} for months.",
    "Respectfully, I think this underplays the role of {actor}.",
    "This is the first article I have read that actually puts numbers on {topic}.",
    "Interesting, but {pct} seems low to me. Is that adjusted for inflation?",
    "We moved to {place} last year and {topic} was the first thing we noticed.",
    "Would love a follow-up on what this means for {groups}.",
    "The {document} is worth reading in full. Section {n} is the real story.",
)
REPLIES = (
    "Agreed, and the {document} says much the same.",
    "Not sure that follows. Last year was an unusual year for {topic}.",
    "The figure is in the appendix, table {n}.",
    "Same experience here in {place}.",
    "Fair point, though {actor} would say otherwise.",
    "It is adjusted, according to the footnote.",
    "I think you are both right: it depends which year you start from.",
    "Thanks, that is helpful context.",
)
USER_AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
RATIOS = ("1 in 3", "1 in 4", "1 in 5", "2 in 5", "3 in 10", "1 in 8", "2 in 3", "1 in 10")
UNITS = ("homes", "applications", "people", "firms", "journeys", "cases", "jobs", "claims")

_FIELD = re.compile(r"\{(\w+)\}")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- The writer ------------------------------------------------------------------------------


@dataclass
class Topic:
    """What one article is about: its child category's topics and metrics."""

    section: Section
    child_slug: str
    topics: tuple[str, ...]
    metrics: tuple[str, ...]


def topics() -> list[Topic]:
    return [
        Topic(section, slug, tops, mets)
        for section in SECTIONS
        for slug, _name, tops, mets in section.children
    ]


def tag_names() -> list[str]:
    """Every tag the generator uses: topics, places and a few kinds of piece."""
    names: list[str] = []
    for section in SECTIONS:
        for _slug, _name, tops, _metrics in section.children:
            names.extend(tops)
    names.extend(p.removeprefix("the ") for p in PLACES)
    names.extend(EXTRA_TAGS)
    return list(dict.fromkeys(names))


@dataclass
class GeneratedArticle:
    title: str
    standfirst: str
    body: str
    word_count: int
    tags: list[str]


@dataclass
class Writer:
    """Fills templates from a seeded Random; one instance per stream of text."""

    rng: Random
    _slots: dict[str, Callable[[], str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        r = self.rng
        self._slots = {
            "place": lambda: r.choice(PLACES),
            "actor": lambda: r.choice(ACTORS),
            "document": lambda: r.choice(DOCUMENTS),
            "groups": lambda: r.choice(GROUPS),
            "trend": lambda: r.choice(TRENDS),
            "trend_past": lambda: r.choice(("rose", "fell", "stalled")),
            "adjective": lambda: r.choice(ADJECTIVES),
            "money": self.money,
            "money2": self.money,
            "money_small": lambda: f"${r.randint(120, 4800):,}",
            "pct": lambda: f"{r.uniform(0.4, 38):.1f}%",
            "pct2": lambda: f"{r.uniform(0.4, 38):.1f}%",
            "ratio": lambda: r.choice(RATIOS),
            "count": lambda: f"{r.randint(1200, 98000):,}",
            "count2": lambda: f"{r.randint(1200, 98000):,}",
            "units": lambda: r.choice(UNITS),
            "weeks": lambda: str(r.randint(19, 46)),
            "weeks2": lambda: str(r.randint(8, 18)),
            "n": lambda: str(r.randint(2, 9)),
            "years": lambda: str(r.randint(10, 20)),
            "month": lambda: r.choice(MONTHS),
        }

    def money(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return f"${r.randint(12, 980)} million"
        return f"${r.randint(1, 40)}.{r.randint(1, 9)} billion"

    def fill(self, template: str, ctx: dict[str, str]) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            key = name.lower()
            value = ctx[key] if key in ctx else self._slots[key]()
            return cap(value) if name[0].isupper() else value

        return _FIELD.sub(one, template)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def bio(self, name: str, beats: list[str]) -> str:
        first = name.split()[0]
        beat = " and ".join(b.lower() for b in beats)
        return self.fill(
            f"{name} writes about {beat} for Broadsheet. "
            f"Before journalism {first} spent {{n}} years at {{actor}}, "
            "and still reads every {document} from cover to cover.",
            {},
        )

    def article(self, topic: Topic, year: int) -> GeneratedArticle:
        r = self.rng
        place, place2 = r.sample(PLACES, 2)
        # One place, actor and subject per article, so its sections read as one story.
        ctx = {
            "topic": r.choice(topic.topics),
            "metric": r.choice(topic.metrics),
            "place": place,
            "place2": place2,
            "actor": r.choice(ACTORS),
            "year": str(year),
            "past": str(year - r.randint(3, 12)),
            "future": str(year + r.randint(1, 5)),
        }
        title = self.fill(r.choice(TITLES), ctx)
        standfirst = self.fill(r.choice(STANDFIRSTS), ctx)
        # Plain text blocks, kept aside so the word count needs no second Markdown parse.
        blocks: list[str] = []
        lines: list[str] = []

        def para(text: str) -> None:
            blocks.append(text)
            lines.extend((text, ""))

        para(" ".join(self.fill(t, ctx) for t in r.sample(INTROS, 2)))
        numbered = r.random() < 0.15
        questions = r.sample(QUESTIONS, r.choice((3, 4)))
        # Drawn for the whole article at once, so no key point repeats with other figures.
        bullets = iter(r.sample(BULLETS, 4 * len(questions)))
        for question in questions:
            heading = self.fill(question, ctx)
            blocks.append(heading)
            lines.extend((f"## {heading}", ""))
            para(" ".join(self.fill(t, ctx) for t in (r.choice(LEADS), r.choice(MIDDLES))))
            for i in range(1, 5):
                text = self.fill(next(bullets), ctx) + "."
                blocks.append(text)
                lines.append(f"{i}. {text}" if numbered else f"- {text}")
            lines.append("")
            numbered = False
            if r.random() < 0.5:
                para(" ".join(self.fill(t, ctx) for t in r.sample(MIDDLES, 2)))
        para(self.fill(r.choice(CLOSINGS), ctx))
        tags = r.sample(topic.topics, 2) + [r.choice(PLACES).removeprefix("the ")]
        if r.random() < 0.4:
            tags.append(r.choice(EXTRA_TAGS))
        return GeneratedArticle(
            title=title,
            standfirst=standfirst,
            body="\n".join(lines),
            word_count=sum(len(b.split()) for b in blocks),
            tags=tags,
        )

    def comment(self, topic: Topic, reply: bool) -> str:
        r = self.rng
        ctx = {"topic": r.choice(topic.topics), "metric": r.choice(topic.metrics)}
        bank = REPLIES if reply else COMMENTS
        sentences = [self.fill(t, ctx) for t in r.sample(bank, r.choice((1, 1, 2, 3)))]
        if len(sentences) == 3 and r.random() < 0.5:
            # Some readers write in paragraphs.
            return f"{sentences[0]} {sentences[1]}\n\n{sentences[2]}"
        return " ".join(sentences)


def email_for(name: str, n: int) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    local = ".".join(part.lower() for part in ascii_name.split())
    # Reserved example domains (RFC 2606): generated sites must never email anyone real.
    return f"{local}{n}@example.{('com', 'org', 'net')[n % 3]}"
