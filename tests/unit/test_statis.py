"""A static table written as one component of plain HTML (dashboard.components.statis)."""
from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard.components.statis import statis


def test_a_table_is_written_as_escaped_html_with_its_classes_links_colours_and_data():
    tabel = dbc.Table([
        html.Thead(html.Tr([html.Th("Kecamatan"), html.Th("IKU-1", className="text-center")])),
        html.Tbody(html.Tr([
            html.Th(html.A("Ampel <b>&</b> Gading", href="/?kecamatan=Ampel&tahun=2026")),
            html.Td(html.A("85,00%", href="javascript:alert(1)"), title='predikat "A"',
                    style={"backgroundColor": "#19875440", "color": "red;background:url(x)"},
                    className="text-center", **{"data-keadaan": "resmi"}),
        ], **{"data-kantor": "Ampel"})),
    ], size="sm", bordered=True, responsive=True, id="tabel-uji", className="tabel-kepatuhan")
    md = statis(tabel)
    assert isinstance(md, dcc.Markdown) and md.dangerously_allow_html and md.className == "statis"
    assert md.children == (
        '<div class="table-responsive"><table id="tabel-uji" class="table table-sm table-bordered tabel-kepatuhan">'
        '<thead><tr><th>Kecamatan</th><th class="text-center">IKU-1</th></tr></thead>'
        '<tbody><tr data-kantor="Ampel"><th><a href="/?kecamatan=Ampel&amp;tahun=2026">Ampel &lt;b&gt;&amp;&lt;/b&gt; '
        'Gading</a></th><td class="text-center" style="background-color:#19875440" title="predikat &quot;A&quot;" '
        'data-keadaan="resmi"><a>85,00%</a></td></tr></tbody></table></div>')


def test_a_blank_line_in_a_text_cannot_end_the_html_block_and_an_input_is_refused():
    md = statis(html.Div(html.P("baris satu\r\n\r\nbaris dua", title="a\n\nb")))
    assert md.children == '<div><p title="a b">baris satu baris dua</p></div>'
    with pytest.raises(TypeError, match="Input tidak dapat ditulis sebagai HTML statis"):
        statis(html.Div(dcc.Input(id="x")))
