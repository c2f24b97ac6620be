"""A large static part of a page (a comparison matrix of 33 offices) drawn as one component instead of thousands.

The browser's Dash renderer keeps every component of a page subscribed to its store, so its drawing time grows much
faster than the number of components: four tables of 33 offices (about 2,700 components) kept Chromium busy for
8 to 13 s. A table that has no input of its own (cells, links, titles, colours) loses nothing as plain HTML: it is
built with the same `dash.html` components as before and written out here as escaped HTML, which one
`dcc.Markdown` draws. Scripts never travel this way: only the tags and attributes below are written, and every text
and attribute value is escaped.
"""
from __future__ import annotations

import html as h
import re
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc

TAG = {"Table": "table", "Thead": "thead", "Tbody": "tbody", "Tfoot": "tfoot", "Tr": "tr", "Th": "th", "Td": "td",
       "A": "a", "Span": "span", "Small": "small", "Strong": "strong", "B": "b", "I": "i", "Em": "em", "Div": "div",
       "P": "p", "Br": "br", "Abbr": "abbr", "Sup": "sup", "Sub": "sub", "Ul": "ul", "Li": "li", "Caption": "caption"}
ATRIBUT = {"id": "id", "className": "class", "title": "title", "href": "href", "colSpan": "colspan",
           "rowSpan": "rowspan", "scope": "scope", "role": "role", "target": "target"}
_DATA = re.compile(r"^(data|aria)-[a-z0-9-]+$")
_HREF = re.compile(r"^(/|https?://|#|mailto:)", re.I)


def _satu_baris(teks: str) -> str:
    """Line breaks as spaces: a blank line would end the HTML block and the rest would be read as Markdown."""
    return re.sub(r"\s*[\r\n]+\s*", " ", teks)


def _gaya(gaya: dict[str, Any]) -> str:
    def css(k: str) -> str:
        return re.sub(r"([A-Z])", lambda m: "-" + m.group(1).lower(), k)

    return ";".join(f"{css(k)}:{v}" for k, v in gaya.items() if v is not None and re.fullmatch(r"[\w#%.,() -]+", str(v)))


def _tabel_dbc(t: dbc.Table) -> str:
    kelas = ["table"] + [f"table-{x}" for x in ("sm",) if getattr(t, "size", None) == "sm"]
    kelas += [k for k, p in (("table-bordered", "bordered"), ("table-hover", "hover"), ("table-striped", "striped"))
              if getattr(t, p, None)]
    if getattr(t, "className", None):
        kelas.append(t.className)
    badan = _atribut({"id": getattr(t, "id", None), "className": " ".join(kelas)}) + "".join(
        _tulis(a) for a in _anak(t.children))
    isi = f"<table{badan}</table>"
    return f'<div class="table-responsive">{isi}</div>' if getattr(t, "responsive", None) else isi


def _anak(children: Any) -> list:
    if children is None:
        return []
    return list(children) if isinstance(children, (list, tuple)) else [children]


def _atribut(props: dict[str, Any]) -> str:
    keluar = []
    for k, v in props.items():
        if v is None or v is False:
            continue
        if k == "style" and isinstance(v, dict):
            if gaya := _gaya(v):
                keluar.append(f' style="{h.escape(gaya)}"')
            continue
        nama = ATRIBUT.get(k) or (k if _DATA.match(k) else None)
        if nama is None or isinstance(v, (dict, list)):
            continue
        if nama == "href" and not _HREF.match(str(v)):
            continue
        keluar.append(f' {nama}="{h.escape(_satu_baris(str(v)))}"')
    return "".join(keluar) + ">"


def _tulis(c: Any) -> str:
    if c is None:
        return ""
    if isinstance(c, (str, int, float)):
        return h.escape(_satu_baris(str(c)))
    if isinstance(c, dbc.Table):
        return _tabel_dbc(c)
    jenis = type(c).__name__
    tag = TAG.get(jenis) if getattr(c, "_namespace", None) == "dash_html_components" else None
    if tag is None:
        raise TypeError(f"{jenis} tidak dapat ditulis sebagai HTML statis")
    props = {k: getattr(c, k) for k in c._prop_names if k != "children" and getattr(c, k, None) is not None}
    props.update({k: v for k, v in vars(c).items() if _DATA.match(k)})
    if tag == "br":
        return "<br>"
    return f"<{tag}{_atribut(props)}{''.join(_tulis(a) for a in _anak(getattr(c, 'children', None)))}</{tag}>"


def statis(komponen: Any, *, id: str | None = None) -> dcc.Markdown:
    """`komponen` (dash.html components and dbc.Table, without inputs) drawn as one component of plain HTML."""
    teks = _tulis(komponen)
    return dcc.Markdown(teks, dangerously_allow_html=True, className="statis", **({"id": id} if id else {}))
