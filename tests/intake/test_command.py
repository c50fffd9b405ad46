import pytest
from django.core.management import CommandError, call_command

from claims.models import Citation
from intake.models import ArticleImport, ProposalStatus
from tests.intake_data import seed_dir


@pytest.fixture
def article_folder(tmp_path):
    (tmp_path / "seed.txt").write_text(
        (seed_dir() / "article-syria-offensive-2024-12.txt").read_text()
    )
    (tmp_path / "brief.html").write_text(
        "<html><body><article><p>Iran's foreign minister Abbas Araqchi rejected reports that "
        "Tehran was pulling its advisers out of Syria, telling state television that Iran would "
        "continue to support Damascus.</p></article></body></html>"
    )
    (tmp_path / "notes.md").write_text("not an article")
    return tmp_path


def test_import_articles_reads_every_article_of_a_folder(
    intake_world, reviewer, article_folder, capsys
):
    call_command(
        "import_articles",
        str(article_folder),
        "--outlet",
        "Example News",
        "--published-at",
        "2024-12-07T09:00:00Z",
        "--user",
        reviewer.username,
    )

    assert ArticleImport.objects.count() == 2
    demo_2 = intake_world["claims"]["demo-2"]
    assert ArticleImport.objects.filter(
        proposals__matched_claim=demo_2, proposals__relation="contradicts"
    ).exists()
    assert "2 articles imported" in capsys.readouterr().out


def test_import_articles_twice_imports_nothing_new(intake_world, reviewer, article_folder, capsys):
    call_command("import_articles", str(article_folder))
    call_command("import_articles", str(article_folder))

    assert ArticleImport.objects.count() == 2
    assert "0 articles imported (2 seen before)" in capsys.readouterr().out


def test_import_articles_with_accept_attaches_citations_to_known_claims(
    intake_world, reviewer, article_folder
):
    call_command(
        "import_articles",
        str(article_folder / "seed.txt"),
        "--outlet",
        "Example News",
        "--user",
        reviewer.username,
        "--accept",
    )

    assert Citation.objects.filter(
        claim=intake_world["claims"]["demo-4"],
        source=intake_world["sources"]["Syrian Observatory for Human Rights"],
    ).exists()
    assert not ArticleImport.objects.get().proposals.filter(status=ProposalStatus.PENDING).exists()


def test_import_articles_reports_a_bad_file_and_exits_non_zero(db, tmp_path):
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(100))

    with pytest.raises(CommandError, match="2 of 2 files could not be imported"):
        call_command("import_articles", str(tmp_path))
    assert not ArticleImport.objects.exists()


def test_import_articles_refuses_a_missing_path(db):
    with pytest.raises(CommandError, match="no such file or folder"):
        call_command("import_articles", "/nonexistent/articles")
