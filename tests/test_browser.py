"""The reviewer's main path in a real browser: Playwright drives the system's headless Chromium
against a live server, through the admin as a reviewer uses it and on to the public page.

Chromium comes from the system (`apt-get install chromium`, which .ci/run does when it is
missing), never from Playwright's own download. Without it these tests fail, in one line that
says so. On a failure the page's screenshot and HTML are saved and their paths printed.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect, sync_playwright

from claims.models import Stance
from claims.services import citation_create, claim_create
from sources.models import SourceKind
from sources.services import source_create
from tests.conftest import phase_reports
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]

PASSWORD = "correct horse battery staple"
# Generous: the suite shares two cores between two test processes and this server.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
    if path is None:
        pytest.fail(
            "browser tests need Debian's chromium: apt-get install chromium (.ci/run installs it)",
            pytrace=False,
        )
    return path


@pytest.fixture
def page(request, transactional_db, live_server, tmp_path):
    """A fresh headless Chromium on the live server, for one test. If the test fails, its last page
    is saved as a screenshot and as HTML under the test's tmp dir, and the paths are printed with
    the failure.

    Playwright's synchronous API keeps an event loop set in this thread while it runs, and Django
    then hands out other database connections (and refuses queries). So a test builds its data in
    fixtures set up before this one and reads results through the pages; the database is flushed
    (transactional_db) after the browser is gone."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        yield page
        call = request.node.stash.get(phase_reports, {}).get("call")
        if call is not None and call.failed:
            save_for_inspection(page, tmp_path)
        browser.close()


def save_for_inspection(page: Page, folder: Path) -> None:
    screenshot, html = folder / "failure.png", folder / "failure.html"
    try:
        page.screenshot(path=screenshot, full_page=True)
        html.write_text(page.content())
    except PlaywrightError as error:  # a crashed page: say so, and keep the test's own failure
        print(f"browser: could not save the page at {page.url}: {error}")
        return
    print(f"browser: the page at {page.url} is saved as {screenshot} and {html}")


@pytest.fixture
def claim_to_check(transactional_db):
    """An unverified claim nobody is checking, cited by SOHR, and a reviewer who can log in."""
    reviewer = UserFactory(
        username="rhea-reviewer", is_staff=True, roles=["reviewer"], password=PASSWORD
    )
    claim = claim_create(
        text="Regime forces have withdrawn from the centre of Homs",
        topic="syria",
        created_by=reviewer,
    )
    sohr = source_create(
        name="Syrian Observatory for Human Rights", kind=SourceKind.MONITORING_NGO, aliases=["SOHR"]
    )
    citation_create(
        claim=claim, source=sohr, stance=Stance.ASSERTS, quote="Regime forces pulled out of Homs.",
        url="https://example.org/sohr-homs", created_by=reviewer,
    )  # fmt: skip
    return claim


def log_in(page: Page, username: str) -> None:
    page.goto("/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#desk-counts")).to_be_visible()


def desk_count(page: Page, label: str):
    return page.locator(".desk-count", has_text=label).locator("strong")


def inline_group(page: Page, text: str):
    return page.locator(".inline-group", has_text=text)


def test_reviewer_takes_a_claim_notes_it_records_a_verdict_and_publishes_it(
    claim_to_check, page, live_server
):
    text, claim_id = claim_to_check.text, claim_to_check.pk
    reviewer = claim_to_check.created_by.username
    log_in(page, reviewer)
    expect(desk_count(page, "Unverified, nobody checking")).to_have_text("1")
    expect(desk_count(page, "My claims")).to_have_text("0")

    # The queue of unverified claims nobody is checking: take this one.
    page.locator(".desk-count", has_text="Unverified, nobody checking").locator("a").click()
    row = page.locator("#result_list tbody tr", has_text=text)
    expect(row).to_have_count(1)
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "take_selected")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("You are checking 1 claim(s).")

    page.goto("/admin/")
    expect(desk_count(page, "My claims")).to_have_text("1")
    expect(desk_count(page, "Unverified, nobody checking")).to_have_text("0")
    page.locator(".desk-count", has_text="My claims").locator("a").click()
    page.locator("#result_list tbody tr", has_text=text).get_by_role("link", name=text).click()
    expect(page.locator(".fieldBox.field-being_checked")).to_contain_text(f"{reviewer} since")
    expect(page.locator(".fieldBox.field-status_badge")).to_contain_text("Unverified")

    # The add-forms' first rows; the history inlines beside them are read-only.
    note = "SOHR and two local reporters agree; waiting for footage."
    page.locator("textarea[name^=notes][name$='-0-text']").fill(note)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(inline_group(page, "Notes (oldest first")).to_contain_text(note)

    page.locator("select[name^=reviews][name$='-0-verdict']").select_option("corroborated")
    evidence = "Footage geolocated to Homs city centre."
    page.locator("textarea[name^=reviews][name$='-0-evidence_note']").fill(evidence)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".fieldBox.field-status_badge")).to_contain_text("Corroborated")
    expect(inline_group(page, "Review history")).to_contain_text(evidence)

    page.get_by_role("button", name="Publish the fact-check page").click()
    public_url = f"/fact-checks/{claim_id}/"
    expect(page.locator(".messagelist")).to_contain_text(f"Published at {public_url}")

    # The public page, read by someone who never logged in.
    anonymous = page.context.browser.new_context(base_url=live_server.url)
    try:
        public = anonymous.new_page()
        response = public.goto(public_url)
        assert response is not None and response.status == 200
        expect(public.locator("h1.claim-text")).to_have_text(text)
        expect(public.locator(".rating")).to_be_visible()
        expect(public.locator(".verdict")).to_contain_text("Corroborated")
        expect(public.locator(".verdict")).to_contain_text(evidence)
        expect(public.locator(".source")).to_contain_text("Syrian Observatory for Human Rights")
        embedded = public.locator("script[type='application/ld+json']").text_content()
        claim_review = json.loads(embedded or "")
    finally:
        anonymous.close()
    assert claim_review["@type"] == "ClaimReview"
    assert claim_review["claimReviewed"] == text
    assert re.fullmatch(rf"https?://[^/]+{re.escape(public_url)}", claim_review["url"])


@pytest.fixture
def duplicate_of_claim_to_check(claim_to_check):
    """The same event entered again in other words, cited by another outlet."""
    duplicate = claim_create(
        text="Regime forces have withdrawn from the centre of Homs city",
        topic="syria",
        created_by=claim_to_check.created_by,
    )
    wire = source_create(name="Wire agency", kind=SourceKind.NEWS_AGENCY)
    citation_create(
        claim=duplicate, source=wire, stance=Stance.ASSERTS, quote="Troops left central Homs.",
        url="https://example.org/wire-homs", created_by=claim_to_check.created_by,
    )  # fmt: skip
    return duplicate


def test_reviewer_merges_a_duplicate_into_the_claim_it_repeats(
    claim_to_check, duplicate_of_claim_to_check, page
):
    kept, duplicate = claim_to_check, duplicate_of_claim_to_check
    log_in(page, kept.created_by.username)
    page.goto(f"/admin/claims/claim/{duplicate.pk}/change/")

    similar = page.locator("ul.claim-similar li", has_text=f"#{kept.pk}")
    expect(similar).to_have_count(1)
    similar.get_by_role("button", name="Merge into this").click()

    expect(page.locator(".messagelist")).to_contain_text(
        f"Claim #{duplicate.pk} merged into this claim, #{kept.pk}."
    )
    # The kept claim's page now carries the duplicate's citation.
    expect(page.locator("#citations-group")).to_contain_text("Wire agency")
    page.goto(f"/admin/claims/claim/{duplicate.pk}/change/")
    expect(page.locator("body")).to_contain_text("This claim was merged into")
