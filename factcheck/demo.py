"""The demo story: Syria, early December 2024, as reported by one article while rebel forces led
by Hayat Tahrir al-Sham closed in on Damascus.

The story is kept here as data so the project never depends on files outside it. The article
itself names neither its publisher nor its address, so it appears under a stand-in outlet, "The
Levant Ledger", on the reserved `.example` domain: it is the outlet that relayed what SOHR, Syrian
state media and al-Golani (through CNN) said. Quotes are the article's own words.

`demo_load` writes everything through the services and only adds what is missing, then computes
the sources' reliability, the claims' credibility and the reliability history, so the admin and the
API show them without waiting for a worker. Loading twice leaves the database, and its audit
history, exactly as after the first load.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import pghistory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.models import Citation, Claim, Stance, Verdict
from claims.services import citation_create, claim_create, review_create
from jobs.recheck import recheck_flags_update
from reliability.engine import reliability_history_rebuild, reliability_recompute_all
from reliability.models import SourceReliability
from sources.models import Grade, Source, SourceAlias, SourceKind, SourceRating
from sources.services import source_alias_add, source_create, source_rating_create

ARTICLE_URL = "https://levant-ledger.example/2024/12/07/assad-regime-faces-its-most-serious-threat"
ARTICLE_PUBLISHED_AT = datetime(2024, 12, 7, 10, 0, tzinfo=UTC)
RATED_AT = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)

DAMASCUS = {"place_name": "Damascus", "latitude": 33.5138, "longitude": 36.2765}
HOMS = {"place_name": "Homs", "latitude": 34.7324, "longitude": 36.7137}

# Fixed, published passwords: acceptable only because the loader refuses to run in production.
DEMO_USERS = [
    {
        "username": "demo-reviewer",
        "password": "demo-reviewer-2024",
        "role": "reviewer",
        "is_staff": True,
        "where": "admin at /admin/",
    },
    {
        "username": "demo-journalist",
        "password": "demo-journalist-2024",
        "role": "journalist",
        "is_staff": False,
        "where": "API",
    },
]
DEMO_REVIEWER = DEMO_USERS[0]["username"]

# Parents come before the sources affiliated with them.
SOURCES = [
    {
        "slug": "syrian-government",
        "name": "Syrian government",
        "kind": SourceKind.GOVERNMENT,
        "country": "SY",
        "aliases": ["Government of Syria", "Assad government"],
        "description": "The government of President Bashar al-Assad.",
    },
    {
        "slug": "syrian-state-media",
        "name": "Syrian state media",
        "kind": SourceKind.STATE_MEDIA,
        "country": "SY",
        "parent": "syrian-government",
        "aliases": ["Syrian official media", "Syrian state-run media"],
        "description": "Syrian state-controlled outlets, when a report names none of them.",
    },
    {
        "slug": "sana",
        "name": "SANA",
        "kind": SourceKind.STATE_MEDIA,
        "country": "SY",
        "domains": ["sana.sy"],
        "parent": "syrian-government",
        "aliases": ["Syrian Arab News Agency", "الوكالة العربية السورية للأنباء"],
        "description": "The Syrian state news agency.",
    },
    {
        "slug": "syrian-state-tv",
        "name": "Syrian state TV",
        "kind": SourceKind.STATE_MEDIA,
        "country": "SY",
        "parent": "syrian-government",
        "aliases": ["Syrian Arab Television", "Syrian TV"],
        "description": "State television of the Syrian government.",
    },
    {
        "slug": "sohr",
        "name": "Syrian Observatory for Human Rights",
        "kind": SourceKind.MONITORING_NGO,
        "country": "GB",
        "domains": ["syriahr.com"],
        "aliases": ["SOHR", "OSDH", "المرصد السوري لحقوق الإنسان"],
        "description": "UK-based war monitor relying on a network of contacts inside Syria.",
    },
    {
        "slug": "rami-abdel-rahman",
        "name": "Rami Abdel Rahman",
        "kind": SourceKind.PERSON,
        "country": "GB",
        "parent": "sohr",
        "aliases": ["Rami Abdulrahman"],
        "description": "Founder and head of SOHR; speaks for it.",
    },
    {
        "slug": "hayat-tahrir-al-sham",
        "name": "Hayat Tahrir al-Sham",
        "kind": SourceKind.ARMED_GROUP,
        "country": "SY",
        "aliases": ["HTS", "هيئة تحرير الشام"],
        "description": "Islamist armed group leading the rebel offensive; evolved from al-Qaeda's "
        "Syrian branch; designated a terrorist organisation by the US and the UN.",
    },
    {
        "slug": "abu-mohammed-al-golani",
        "name": "Abu Mohammed al-Golani",
        "kind": SourceKind.PERSON,
        "country": "SY",
        "parent": "hayat-tahrir-al-sham",
        "aliases": ["Abu Mohammad al-Jolani", "Ahmed al-Sharaa"],
        "description": "Leader of Hayat Tahrir al-Sham.",
    },
    {
        "slug": "cnn",
        "name": "CNN",
        "kind": SourceKind.BROADCASTER,
        "country": "US",
        "domains": ["cnn.com"],
        "aliases": ["Cable News Network"],
        "description": "US news broadcaster; interviewed al-Golani in December 2024.",
    },
    {
        "slug": "levant-ledger",
        "name": "The Levant Ledger",
        "kind": SourceKind.NEWSPAPER,
        "domains": ["levant-ledger.example"],
        "aliases": ["Levant Ledger"],
        "description": "Stand-in for the publisher of the demo's article, whose real name and "
        "address the story does not give. It relays SOHR, Syrian state media and CNN.",
    },
]

RATINGS = [
    {
        "source": "sohr",
        "grade": Grade.B,
        "rationale": "Frontline and casualty reports have usually been borne out by later "
        "reporting, but it is a small, opposition-leaning operation whose contacts cannot be "
        "checked independently.",
    },
    {
        "source": "sana",
        "grade": Grade.D,
        "rationale": "Reliable about what the government says, not about whether it is true; "
        "has denied military setbacks that later proved real.",
    },
    {
        "source": "syrian-state-tv",
        "grade": Grade.D,
        "rationale": "Broadcasts the government's line; same record as SANA on military news.",
    },
    {
        "source": "cnn",
        "grade": Grade.B,
        "rationale": "Major broadcaster with correspondents in the region and a corrections "
        "policy; interviews are published on the record.",
    },
    {
        "source": "levant-ledger",
        "grade": Grade.F,
        "rationale": "Stand-in for an unnamed publisher: no track record to judge.",
    },
]

STATE_MEDIA_ON_ASSAD = (
    "Syrian state media dismissed rumors that Assad had fled the country, insisting he remains "
    "in Damascus."
)


def _relayed(source, stance, quote):
    return {"source": source, "stance": stance, "quote": quote, "via": "levant-ledger"}


CLAIMS = [
    {
        "text": "Assad remains in Damascus",
        "tags": ["assad", "damascus"],
        **DAMASCUS,
        "about_start": datetime(2024, 12, 7, 10, 0, tzinfo=UTC),
        "citations": [
            _relayed("sana", Stance.ASSERTS, STATE_MEDIA_ON_ASSAD),
            _relayed("syrian-state-tv", Stance.ASSERTS, STATE_MEDIA_ON_ASSAD),
        ],
    },
    {
        "text": "Assad has fled Syria",
        "tags": ["assad"],
        "about_start": datetime(2024, 12, 7, 10, 0, tzinfo=UTC),
        "citations": [
            _relayed("sana", Stance.DENIES, STATE_MEDIA_ON_ASSAD),
            _relayed("syrian-state-tv", Stance.DENIES, STATE_MEDIA_ON_ASSAD),
        ],
    },
    {
        "text": "Regime forces withdrew from towns about 10 km south-west of Damascus",
        "tags": ["damascus", "frontline"],
        "place_name": "South-western Damascus countryside",
        "about_start": datetime(2024, 12, 7, 0, 0, tzinfo=UTC),
        "citations": [
            _relayed(
                "rami-abdel-rahman",
                Stance.ASSERTS,
                "Regime forces pulled out of towns in the southwestern Damascus countryside, "
                "10 kilometers [6.2 miles] from the capital, which have been seized by local "
                "fighters.",
            ),
            _relayed(
                "sohr",
                Stance.ASSERTS,
                "According to the UK-based Syrian Observatory for Human Rights (SOHR), regime "
                "troops recently withdrew from several towns in the southwestern Damascus "
                "countryside.",
            ),
        ],
    },
    {
        "text": "Iran's military advisers have begun withdrawing from Syria",
        "tags": ["iran", "allies"],
        "about_start": datetime(2024, 12, 7, 0, 0, tzinfo=UTC),
        "citations": [
            _relayed(
                "sohr",
                Stance.ASSERTS,
                "SOHR reported that Iran’s military advisers have begun withdrawing from Syria.",
            ),
        ],
    },
    {
        "text": "Large military reinforcements have been sent to defend Homs",
        "tags": ["homs", "frontline"],
        **HOMS,
        "about_start": datetime(2024, 12, 7, 0, 0, tzinfo=UTC),
        "citations": [
            {
                "source": "levant-ledger",
                "stance": Stance.ASSERTS,
                "quote": "Large numbers of military reinforcements have been sent to defend "
                "Homs, Syria’s third-largest city, now at risk of falling into insurgent hands.",
            },
        ],
    },
    {
        "text": "HTS has captured Aleppo and Hama",
        "tags": ["hts", "aleppo", "hama"],
        "about_start": datetime(2024, 12, 7, 0, 0, tzinfo=UTC),
        "citations": [
            {
                "source": "levant-ledger",
                "stance": Stance.ASSERTS,
                "quote": "It has already captured critical territory, including the northern "
                "city of Aleppo and the central city of Hama.",
            },
        ],
        "review": {
            "verdict": Verdict.CORROBORATED,
            "effective_at": datetime(2024, 12, 6, 0, 0, tzinfo=UTC),
            "evidence_note": "Both cities under rebel control by 5 December 2024 by every account, "
            "including the Syrian army's own statements on its redeployment from Hama.",
        },
    },
    {
        "text": "The rebel offensive began on 27 November 2024",
        "tags": ["hts", "offensive"],
        "about_start": datetime(2024, 11, 27, 0, 0, tzinfo=UTC),
        "citations": [
            {
                "source": "levant-ledger",
                "stance": Stance.ASSERTS,
                "quote": "The latest offensive began on November 27, with HTS at the forefront.",
            },
        ],
        "review": {
            "verdict": Verdict.CORROBORATED,
            "effective_at": datetime(2024, 11, 27, 0, 0, tzinfo=UTC),
            "evidence_note": "The same start date is reported by the rebels, SOHR and the "
            "international news agencies.",
        },
    },
    {
        "text": "HTS's goal is to overthrow Assad",
        "tags": ["hts", "assad"],
        "about_start": datetime(2024, 12, 6, 0, 0, tzinfo=UTC),
        "citations": [
            {
                "source": "abu-mohammed-al-golani",
                "stance": Stance.ASSERTS,
                "quote": "HTS leader Abu Mohammed al-Golani stated in a recent CNN interview that "
                "their goal is clear: to overthrow Assad’s regime.",
                "via": "cnn",
            },
        ],
    },
]


@dataclass(frozen=True)
class DemoLoadResult:
    rows_added: int
    logins: list[dict]


@transaction.atomic
def demo_load() -> DemoLoadResult:
    """Add whatever of the demo story and the demo logins is missing; change nothing present."""
    with pghistory.context(loaded_by="load_demo"):
        users, users_added = _demo_users()
        sources, sources_added = _demo_sources()
        ratings_added = _demo_ratings(sources, rated_by=users[DEMO_REVIEWER])
        claims_added = _demo_claims(sources, reviewer=users[DEMO_REVIEWER])
        added = users_added + sources_added + ratings_added + claims_added
        # Also when a database loaded before reliability was computed lacks it.
        computed = SourceReliability.objects.filter(source__in=sources.values()).count()
        if added or computed < len(sources):
            reliability_recompute_all()
            reliability_history_rebuild()
        # The demo story is from December 2024: its claims are due at once, not at the next
        # hourly run.
        recheck_flags_update()
    logins = [
        {key: user[key] for key in ["role", "username", "password", "where"]} for user in DEMO_USERS
    ]
    return DemoLoadResult(rows_added=added, logins=logins)


def _demo_users():
    User = get_user_model()
    users, added = {}, 0
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User.objects.create_user(
                username=spec["username"], password=spec["password"], is_staff=spec["is_staff"]
            )
            added += 1
        user.groups.add(Group.objects.get(name=spec["role"]))
        users[spec["username"]] = user
    return users, added


def _demo_sources():
    sources, added = {}, 0
    for spec in SOURCES:
        source = Source.objects.filter(slug=spec["slug"]).first()
        if source is None:
            source = source_create(
                name=spec["name"],
                slug=spec["slug"],
                kind=spec["kind"],
                country=spec.get("country", ""),
                domains=spec.get("domains", ()),
                parent=sources.get(spec.get("parent")),
                description=spec["description"],
            )
            added += 1
        for alias in spec["aliases"]:
            if not SourceAlias.objects.filter(name__iexact=alias).exists():
                source_alias_add(source=source, name=alias)
                added += 1
        sources[spec["slug"]] = source
    return sources, added


def _demo_ratings(sources, *, rated_by):
    added = 0
    for spec in RATINGS:
        source = sources[spec["source"]]
        if not SourceRating.objects.filter(
            source=source, grade=spec["grade"], rationale=spec["rationale"]
        ).exists():
            source_rating_create(
                source=source,
                grade=spec["grade"],
                rationale=spec["rationale"],
                rated_by=rated_by,
                rated_at=RATED_AT,
            )
            added += 1
    return added


def _demo_claims(sources, *, reviewer):
    added = 0
    for spec in CLAIMS:
        claim = Claim.objects.filter(text=spec["text"]).first()
        if claim is None:
            claim = claim_create(
                text=spec["text"],
                created_by=reviewer,
                topic="Syria offensive 2024",
                tags=spec["tags"],
                place_name=spec.get("place_name", ""),
                latitude=spec.get("latitude"),
                longitude=spec.get("longitude"),
                about_start=spec["about_start"],
            )
            added += 1
        for citation in spec["citations"]:
            added += _demo_citation(claim, sources, citation, created_by=reviewer)
        review = spec.get("review")
        if review and not claim.reviews.filter(reviewer=reviewer).exists():
            review_create(claim=claim, reviewer=reviewer, **review)
            added += 1
    return added


def _demo_citation(claim, sources, spec, *, created_by) -> int:
    source = sources[spec["source"]]
    if Citation.objects.filter(
        claim=claim, source=source, url=ARTICLE_URL, stance=spec["stance"]
    ).exists():
        return 0
    citation_create(
        claim=claim,
        source=source,
        stance=spec["stance"],
        quote=spec["quote"],
        url=ARTICLE_URL,
        published_at=ARTICLE_PUBLISHED_AT,
        via=sources[spec["via"]] if spec.get("via") else None,
        created_by=created_by,
    )
    return 1
