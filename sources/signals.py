"""What the sources app tells the apps above it, which it may not import.

Receivers run synchronously inside the sender's transaction, so work they store (a recompute
request) commits with the write or not at all.
"""

from django.dispatch import Signal

source_figures_stale = Signal()
"""A change to these sources can move computed figures (a new human grade, a new affiliation).
Keyword arguments: `source_ids` (list of ints) and `reason` (short text)."""
