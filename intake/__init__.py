"""Article intake: turn a news article into attributed claims and match them to known claims.

`text` cleans what arrives (HTML, bytes, other languages), `extraction` finds who said what with
which stance, `similarity` decides whether a statement is a known claim, `fetch` downloads a URL
safely. None of these touch the database; `selectors` (the candidate claims a statement is compared
with) and `services` (imports, proposals, accepting them as citations) do.
"""
