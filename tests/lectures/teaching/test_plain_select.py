"""The report's cohort list renders as Django's own <select> would, only faster."""

from __future__ import annotations

from django import forms
from django.test.html import parse_html

from lectures.models import Cohort
from lectures.teaching.forms import PlainSelect


def test_plain_select_renders_like_djangos_select(course):
    for name in ("Mornings", "<b>Evenings</b> & more", "Weekend"):
        Cohort.objects.create(course=course, name=name)
    chosen = Cohort.objects.get(name="Weekend")

    def render(widget) -> str:
        field = forms.ModelChoiceField(
            queryset=Cohort.objects.order_by("name"), empty_label="All students", widget=widget
        )
        return field.widget.render("cohort", chosen.pk, attrs={"id": "id_cohort"})

    ours, django = render(PlainSelect), render(forms.Select)
    assert parse_html(ours) == parse_html(django)
    assert "&lt;b&gt;Evenings&lt;/b&gt; &amp; more" in ours
    assert f'<option value="{chosen.pk}" selected>' in ours
