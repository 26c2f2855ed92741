from __future__ import annotations

from django.utils.safestring import SafeString

from lectures.content.rendering import (
    TermRef,
    render_body,
    render_inline,
    render_overview,
    term_anchor,
)

REL = 'rel="noopener noreferrer"'


def ref(term: str, alias: str = "", definition: str = "def") -> TermRef:
    return TermRef(term=term, alias=alias, anchor=term_anchor(term), definition=definition)


def link(anchor: str, title: str, text: str, url: str = "") -> str:
    return (
        f'<a class="term-link" href="{url}#{anchor}" data-term="{anchor}" '
        f'title="{title}">{text}</a>'
    )


NAM = ref("Non-Aligned Movement", "NAM", "A bloc of states.")
NAM_LINK_TITLE = "Non-Aligned Movement: A bloc of states."


# --------------------------------------------------------------------------- structure


def test_empty_body_is_empty_safe_string():
    assert render_body("") == ""
    assert render_body("\n  \n") == ""
    assert isinstance(render_body(""), SafeString)


def test_bullets_become_one_list():
    assert render_body("- one\n- two\n- three") == (
        "<ul><li>one</li><li>two</li><li>three</li></ul>"
    )


def test_paragraph_lines_become_separate_paragraphs():
    assert render_body("First line.\nSecond line.") == "<p>First line.</p><p>Second line.</p>"


def test_mixed_blocks_keep_their_order():
    body = "Intro.\n- a\n- b\nMiddle.\n- c"
    assert render_body(body) == (
        "<p>Intro.</p><ul><li>a</li><li>b</li></ul><p>Middle.</p><ul><li>c</li></ul>"
    )


def test_blank_lines_and_crlf_do_not_split_a_list():
    assert render_body("- a\r\n\r\n- b\r\n") == "<ul><li>a</li><li>b</li></ul>"


def test_overview_renders_like_a_body():
    assert render_overview("Sum up.\n- point") == "<p>Sum up.</p><ul><li>point</li></ul>"


def test_overview_does_not_link_terms():
    assert render_overview("The NAM met.") == "<p>The NAM met.</p>"


# --------------------------------------------------------------------------- inline subset


def test_inline_emphasis_code_and_link():
    assert render_inline("**bold** *italic* `x < y` [site](https://example.com/a?b=1&c=2)") == (
        "<strong>bold</strong> <em>italic</em> <code>x &lt; y</code> "
        f'<a href="https://example.com/a?b=1&amp;c=2" {REL}>site</a>'
    )
    assert isinstance(render_inline("x"), SafeString)


def test_inline_has_no_paragraph():
    assert render_inline("  plain text.  ") == "plain text."


def test_http_and_mailto_links_are_kept_and_link_title_dropped():
    assert render_inline('[a](http://x.org "tip") [b](mailto:me@x.org)') == (
        f'<a href="http://x.org" {REL}>a</a> <a href="mailto:me@x.org" {REL}>b</a>'
    )


def test_other_link_schemes_stay_literal_source_text():
    for source in (
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](/relative/path)",
        "[x](//evil.example)",
        "[x](#top)",
    ):
        assert render_inline(source) == source


def test_images_and_autolinks_are_text():
    assert render_inline("![alt](https://x/i.png) <https://x> https://x") == (
        "![alt](https://x/i.png) &lt;https://x&gt; https://x"
    )


def test_raw_html_is_escaped_text():
    assert render_body("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert render_body("- <img src=x onerror=alert(1)>") == (
        "<ul><li>&lt;img src=x onerror=alert(1)&gt;</li></ul>"
    )


def test_markdown_link_cannot_break_out_of_href():
    assert render_inline('[x](https://a.b/"onmouseover="alert(1))') == (
        f'<a href="https://a.b/%22onmouseover=%22alert(1)" {REL}>x</a>'
    )


def test_a_star_bullet_and_an_emphasis_paragraph():
    assert render_body("* item\n*Not* a bullet.") == (
        "<ul><li>item</li></ul><p><em>Not</em> a bullet.</p>"
    )


# --------------------------------------------------------------------------- anchors


def test_term_anchor():
    assert term_anchor("Non-Aligned Movement") == "term-non-aligned-movement"
    assert term_anchor("Q&A") == "term-qa"
    fallback = term_anchor("Большая игра")
    assert fallback.startswith("term-") and len(fallback) == len("term-") + 10
    assert fallback == term_anchor("большая ИГРА")
    assert fallback != term_anchor("Холодная война")


# --------------------------------------------------------------------------- term links


def test_term_link_pattern_with_glossary_url():
    assert render_body("The Non-Aligned Movement met.", [NAM], "/c/l/glossary/") == (
        "<p>The "
        + link(
            "term-non-aligned-movement", NAM_LINK_TITLE, "Non-Aligned Movement", "/c/l/glossary/"
        )
        + " met.</p>"
    )


def test_full_term_is_case_insensitive_and_keeps_the_written_case():
    assert render_body("the non-aligned movement met.", [NAM]) == (
        "<p>the "
        + link("term-non-aligned-movement", NAM_LINK_TITLE, "non-aligned movement")
        + " met.</p>"
    )


def test_alias_is_case_sensitive_and_whole_word():
    body = "nam, NAMES, Vietnam, NAM_x and Nam. Then NAM."
    assert render_body(body, [NAM]) == (
        "<p>nam, NAMES, Vietnam, NAM_x and Nam. Then "
        + link("term-non-aligned-movement", NAM_LINK_TITLE, "NAM")
        + ".</p>"
    )


def test_whole_words_with_non_ascii_letters():
    term = ref("Baku")
    assert render_body("Bakuvian Bakuë éBaku Baku.", [term]) == (
        "<p>Bakuvian Bakuë éBaku " + link("term-baku", "Baku: def", "Baku") + ".</p>"
    )


def test_longest_term_wins():
    short = ref("Collective Security", definition="short")
    long = ref("Collective Security Treaty Organization", "CSTO", "long")
    body = "The Collective Security Treaty Organization and collective security."
    assert render_body(body, [short, long]) == (
        "<p>The "
        + link(
            "term-collective-security-treaty-organization",
            "Collective Security Treaty Organization: long",
            "Collective Security Treaty Organization",
        )
        + " and "
        + link("term-collective-security", "Collective Security: short", "collective security")
        + ".</p>"
    )


def test_every_occurrence_of_term_and_alias_is_linked():
    body = "- NAM formed.\n- The Non-Aligned Movement grew.\nNAM again, NAM."
    nam = link("term-non-aligned-movement", NAM_LINK_TITLE, "NAM")
    assert render_body(body, [NAM]) == (
        f"<ul><li>{nam} formed.</li><li>The "
        + link("term-non-aligned-movement", NAM_LINK_TITLE, "Non-Aligned Movement")
        + f" grew.</li></ul><p>{nam} again, {nam}.</p>"
    )


def test_shorter_terms_inside_a_longer_one_are_not_linked_separately():
    short = ref("Collective Security")
    long = ref("Collective Security Treaty Organization")
    body = "Collective Security Treaty Organization. Collective Security Treaty Organization."
    assert render_body(body, [short, long]) == (
        "<p>"
        + link(
            "term-collective-security-treaty-organization",
            "Collective Security Treaty Organization: def",
            "Collective Security Treaty Organization",
        )
        + ". "
        + link(
            "term-collective-security-treaty-organization",
            "Collective Security Treaty Organization: def",
            "Collective Security Treaty Organization",
        )
        + ".</p>"
    )


def test_not_inside_existing_link_or_code():
    body = "[NAM site](https://nam.example) and `NAM` then **NAM**."
    assert render_body(body, [NAM]) == (
        f'<p><a href="https://nam.example" {REL}>NAM site</a> and <code>NAM</code> then '
        "<strong>" + link("term-non-aligned-movement", NAM_LINK_TITLE, "NAM") + "</strong>.</p>"
    )


def test_not_across_tags():
    term = ref("Cold War")
    assert render_body("**Cold** War.", [term]) == "<p><strong>Cold</strong> War.</p>"


def test_term_with_ampersand():
    term = ref("Q&A", definition="Questions & answers")
    assert render_body("A Q&A session.", [term]) == (
        "<p>A " + link("term-qa", "Q&amp;A: Questions &amp; answers", "Q&amp;A") + " session.</p>"
    )


def test_entities_in_text_are_not_matched_as_terms():
    term = ref("amp")
    assert render_body("Fish & chips.", [term]) == "<p>Fish &amp; chips.</p>"


def test_term_and_definition_with_html_characters_are_escaped():
    term = TermRef(
        term='<b>"X"</b>',
        alias="",
        anchor='a"><script>',
        definition='"><script>alert(1)</script>',
    )
    html = render_body('See <b>"X"</b> here.', [term], '/g/"x')
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "<p>See "
        '<a class="term-link" href="/g/&quot;x#a&quot;&gt;&lt;script&gt;" '
        'data-term="a&quot;&gt;&lt;script&gt;" '
        'title="&lt;b&gt;&quot;X&quot;&lt;/b&gt;: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
        '&lt;b&gt;"X"&lt;/b&gt;</a> here.</p>'
    )


def test_body_without_terms_is_unchanged_by_linking():
    body = "Plain **text** with [a link](https://x.org) & `code`.\n- a bullet"
    expected = (
        f'<p>Plain <strong>text</strong> with <a href="https://x.org" {REL}>a link</a> &amp; '
        "<code>code</code>.</p><ul><li>a bullet</li></ul>"
    )
    assert render_body(body) == expected
    assert render_body(body, [NAM]) == expected
    assert render_body(body, [TermRef("", "", "term-x", "")]) == expected


def test_render_bodies_caches_by_text_terms_and_url(monkeypatch):
    from lectures.content import rendering

    calls = []
    original = rendering.render_body
    monkeypatch.setattr(rendering, "render_body", lambda *a: calls.append(a) or original(*a))
    bodies = ["- The **NAM** met.", "Plain text."]
    nam = TermRef(term="Non-Aligned Movement", alias="NAM", anchor="term-nam", definition="A bloc.")
    first = rendering.render_bodies(bodies, [nam], "/g/")
    assert first == [original(body, [nam], "/g/") for body in bodies]
    assert isinstance(first[0], SafeString)
    assert len(calls) == 2
    assert rendering.render_bodies(bodies, [nam], "/g/") == first
    assert len(calls) == 2  # served from the cache
    # Another definition, glossary URL or text is another key: never stale markup.
    changed = TermRef(term="Non-Aligned Movement", alias="NAM", anchor="term-nam", definition="B.")
    assert (
        'title="Non-Aligned Movement: B."' in rendering.render_bodies(bodies, [changed], "/g/")[0]
    )
    assert 'href="/other/#term-nam"' in rendering.render_bodies(bodies, [nam], "/other/")[0]
    assert rendering.render_bodies(["- The NAM met!"], [nam], "/g/")[0].endswith("met!</li></ul>")
