"""Notebook display and plain data of the public objects."""

import json

from hypothesis import given, strategies as st

import wsiot
from wsiot.render.html import PHASE_COLOURS
from wsiot.render.text import text_table


def test_html_reprs_are_tables():
    objects = [
        wsiot.release("2022"), wsiot.edition("Essentials"), wsiot.releases(),
        wsiot.default_catalog(), wsiot.servicing_status(20348, "2030-01-01"),
        wsiot.recommend_edition("nas", users=3), wsiot.releases().on("2030-01-01"),
        wsiot.qualify(wsiot.Appliance(name="x")),
    ]
    for obj in objects:
        html = obj._repr_html_()
        assert "<table" in html and "</table>" in html, type(obj)


def test_html_escapes_names():
    a = wsiot.qualify(wsiot.Appliance(name="<script>alert(1)</script>"))
    assert "<script>" not in a._repr_html_()


def test_statuses_colour_the_phase():
    html = wsiot.releases().on("2030-01-01")._repr_html_()
    assert PHASE_COLOURS["extended"] in html and PHASE_COLOURS["ended"] in html
    assert html.count("<tr>") == 1 + len(wsiot.releases())


def test_release_collection_is_a_tuple():
    rels = wsiot.releases()
    assert isinstance(rels, tuple) and rels[0].version == "2025"
    statuses = rels.on("2031-10-15", include_esu=True)
    assert [s.phase.value for s in statuses][:2] == ["extended", "ended"]


def test_to_dict_is_json_ready():
    for obj in (wsiot.release("2025"), wsiot.edition("Standard"),
                wsiot.servicing_status(17763, "2025-01-01"), wsiot.recommend_edition("ivr"),
                wsiot.qualify(wsiot.Appliance(name="x")), wsiot.workload("nas"),
                wsiot.container_use("Windows Server", 20348),
                wsiot.Appliance(name="x", workload=wsiot.workload("pbx"))):
        json.dumps(obj.to_dict())


def test_records():
    rows = wsiot.records()
    assert len(rows) == 9 and "phase" not in rows[0]
    json.dumps(rows)
    dated = wsiot.records(on="2029-01-09")
    row = next(r for r in dated if r["version"] == "2019")
    assert (row["phase"], row["days_left"], row["in_servicing"]) == ("extended", 0, True)


def test_text_table_empty():
    assert text_table(["a", "b"], []) == "a  b\n-  -"


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=8)), min_size=2,
                         max_size=2), max_size=5),
       st.text(max_size=12))
def test_html_table_caption_numeric_and_empty(rows, caption):
    from wsiot.render.html import html_table

    page = html_table(["A", "B"], rows, caption=caption, numeric=(1,), empty="none")
    assert page.count("<tr>") == 1 + max(len(rows), 1)
    assert page.count("<td class='n'>") == len(rows)  # only the second column is right-aligned
    assert ("<caption>" in page) == bool(caption)
    assert ("<td colspan='2'>none</td>" in page) == (not rows)
    texts = [caption] + [str(c) for r in rows for c in r if c is not None]  # None is blank
    assert page.count("None") == sum(t.count("None") for t in texts)
    assert "<script" not in page


def test_html_table_escapes_caption_and_empty_text():
    from wsiot.render.html import html_table

    page = html_table(["A"], [], caption="<b>x</b>", empty="<i>")
    assert "<b>" not in page and "&lt;b&gt;" in page and "&lt;i&gt;" in page
    assert html_table(["A"], []).count("<tr>") == 1  # no empty text: no filler row
