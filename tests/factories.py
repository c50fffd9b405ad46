import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from claims.models import Citation, Claim, Review, Stance, Verdict
from sources.models import Grade, Source, SourceAlias, SourceKind, SourceRating
from sources.services import source_create


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*Group.objects.filter(name__in=extracted))


class SourceFactory(factory.django.DjangoModelFactory):
    """A source as `source_create` makes one: it also answers to its own name."""

    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = SourceKind.NEWS_AGENCY

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return source_create(**kwargs)


class SourceAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceAlias

    source = factory.SubFactory(SourceFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class SourceRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceRating

    source = factory.SubFactory(SourceFactory)
    grade = Grade.B
    rationale = "Long record of accurate casualty counts."
    rated_by = factory.SubFactory(UserFactory)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim number {n} about the offensive")
    topic = "syria"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    stance = Stance.ASSERTS
    quote = "They said so."
    url = factory.Sequence(lambda n: f"https://news.example.org/story/{n}")
    published_at = factory.LazyFunction(timezone.now)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    verdict = Verdict.CORROBORATED
    evidence_note = "Confirmed by two independent reporters on the ground."
    reviewer = factory.SubFactory(UserFactory)
