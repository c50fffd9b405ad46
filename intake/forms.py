from django import forms

from intake.text import max_article_bytes


class ArticleImportForm(forms.Form):
    """What a reviewer gives the "Import article" page: the article one way or another, and where
    and when it was published."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        help_text="Paste the article text or its HTML.",
    )
    file = forms.FileField(required=False, help_text="Or upload a .txt or .html file.")
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text="Alone: the article's URL to fetch. With pasted text or a file: where it was "
        "published, recorded on the citations.",
    )
    outlet = forms.CharField(
        max_length=200, required=False, help_text="The outlet that published it."
    )
    published_at = forms.DateTimeField(
        required=False, help_text="Publication time, e.g. 2024-12-07 09:00."
    )
    topic = forms.CharField(
        max_length=100, required=False, help_text="The topic new claims from it take."
    )

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("text", "file") if cleaned.get(name)]
        if not given and not cleaned.get("url"):
            raise forms.ValidationError("Give the article as text, a file or a URL.")
        if len(given) > 1:
            raise forms.ValidationError(
                "Give the article one way only: text or a file (with its URL if you like)."
            )
        upload = cleaned.get("file")
        if upload and upload.size > max_article_bytes():
            self.add_error(
                "file", f"The file is larger than {max_article_bytes() / 1_000_000:.1f} MB."
            )
        return cleaned
