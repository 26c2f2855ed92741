"""Round 26 of issue 17's timeline judgement, from the misses on held-out set 30
(measured blind first): a lead-in under a dated heading names what its own items
tell, and is no event of the heading's date. Every item here is made up."""

from __future__ import annotations

from lectures.notes.corpus import extracted

NOTES = """Title: T

## Overview
About it.

# 1740: Silesia and the Pragmatic Sanction
1. The first Silesian war:
   a. Frederick invades Silesia, 16 Dec 1740
   b. Mollwitz, 10 April 1741: the Prussian infantry holds
"""


def test_a_lead_in_under_a_dated_heading_is_no_event():
    events = {e.label: e.text for e in extracted(NOTES)}
    assert "1740" not in events
    assert "16 December 1740" in events and "10 April 1741" in events
