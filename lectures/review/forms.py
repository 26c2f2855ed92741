"""Forms of the review pages."""

from __future__ import annotations

from django import forms

from lectures.models import ReviewLog


class ReviewRevealForm(forms.Form):
    """Which of the student's cards to show with its answer (`?answer=<card id>`)."""

    answer = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class ReviewRatingForm(forms.Form):
    """A rating of one card. `rep` is how many reviews of it the page was shown
    after: a repeated post of the same review is recognised by it (lectures.review.ratings)."""

    card = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    rep = forms.IntegerField(min_value=0, max_value=2**31 - 1)
    rating = forms.TypedChoiceField(
        choices=[(str(value), label) for value, label in ReviewLog.Rating.choices], coerce=int
    )
