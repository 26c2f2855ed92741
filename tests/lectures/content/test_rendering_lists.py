"""Numbered and nested lists on the lecture page (issue 17): "1." items render as an
<ol> keeping their numbers, an indented item as a list inside the item above."""

from __future__ import annotations

from lectures.content.rendering import TermRef, render_body, term_anchor


def test_numbered_items_become_an_ordered_list_with_their_numbers():
    assert render_body("1. One.\n2. Two.\n5) Five.") == (
        '<ol><li value="1">One.</li><li value="2">Two.</li><li value="5">Five.</li></ol>'
    )


def test_lettered_items_show_letters():
    assert render_body("a. One.\nb) Two.") == (
        '<ol type="a"><li value="1">One.</li><li value="2">Two.</li></ol>'
    )


def test_nested_items_are_a_list_inside_their_parent_item():
    body = "- Parent.\n  - Child.\n    1. Grandchild.\n  - Second child.\n- Next.\nText."

    assert render_body(body) == (
        '<ul><li>Parent.<ul><li>Child.<ol><li value="1">Grandchild.</li></ol></li>'
        "<li>Second child.</li></ul></li><li>Next.</li></ul><p>Text.</p>"
    )


def test_a_bullet_after_numbered_items_starts_another_list():
    assert render_body("1. One.\n- Bullet.") == (
        '<ol><li value="1">One.</li></ol><ul><li>Bullet.</li></ul>'
    )


def test_terms_are_linked_inside_nested_items():
    ref = TermRef("BRICS", "", term_anchor("BRICS"), "A grouping.")

    markup = str(render_body("- Parent.\n  1. BRICS grew.", [ref]))

    assert '<ol><li value="1"><a class="term-link" href="#term-brics"' in markup
