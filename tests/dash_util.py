"""Calling the running app's Dash callbacks the way the browser does, by their registered dependencies."""
from __future__ import annotations

import hashlib
import inspect
import json
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from models.db import session_scope


def daftar_callback(app) -> dict[str, dict]:
    """Every server-side callback the app registers (after one request, so the pages router is there too)."""
    return {k: v for k, v in app.callback_map.items() if v.get("callback") is not None}


def nama_argumen(cb: dict) -> list[str]:
    return list(inspect.signature(cb["callback"]).parameters)


def _id(ident: str):
    """An id as the browser sends it: a dictionary id as the dictionary, a MATCH in it naming one component (index 1
    here)."""
    if not ident.startswith("{"):
        return ident
    return {k: 1 if v == ["MATCH"] else v for k, v in json.loads(ident).items()}


def _banyak(ident: str) -> bool:
    """An id with an ALL or ALLSMALLER wildcard names every matching component: the browser sends a list."""
    return ident.startswith("{") and any(v in (["ALL"], ["ALLSMALLER"]) for v in json.loads(ident).values())


def _komponen(ident: str, prop: str, nilai) -> list[dict]:
    """The components an ALL dependency names, one per value (index 1, 2, ...; for the `id` property, the value
    itself when it is an id)."""
    pola = json.loads(ident)
    hasil = []
    for i, v in enumerate(nilai if isinstance(nilai, list) else [], start=1):
        konkret = {k: (i if w in (["ALL"], ["ALLSMALLER"]) else 1 if w == ["MATCH"] else w) for k, w in pola.items()}
        if prop == "id" and isinstance(v, dict) and set(v) == set(pola):
            konkret = v
        hasil.append({"id": konkret, "property": prop, "value": v})
    return hasil


def _teks_id(ident) -> str:
    return json.dumps(ident, sort_keys=True, separators=(",", ":")) if isinstance(ident, dict) else ident


def _keluaran(kunci: str, cb: dict):
    if kunci.startswith("..") and kunci.endswith(".."):
        bagian = kunci[2:-2].split("...")
    else:
        bagian = [kunci]
    keluaran = []
    for b in bagian:
        ident, prop = b.rsplit(".", 1)
        keluaran.append({"id": _id(ident), "property": prop})
    return keluaran if isinstance(cb["output"], list) else keluaran[0]


def payload(kunci: str, cb: dict, nilai: dict[str, Any]) -> dict:
    """The JSON body of POST /_dash-update-component for this callback with arguments by name."""
    nama = nama_argumen(cb)
    deps = cb["inputs"] + cb["state"]

    def isi(dep, n):
        v = nilai.get(nama[n]) if n < len(nama) else None
        if _banyak(dep["id"]):
            return _komponen(dep["id"], dep["property"], v)
        if v is None and dep["property"] == "n_clicks":
            v = 1
        return {"id": _id(dep["id"]), "property": dep["property"], "value": v}

    masukan = [isi(d, i) for i, d in enumerate(cb["inputs"])]
    keadaan = [isi(d, len(cb["inputs"]) + i) for i, d in enumerate(cb["state"])]
    assert len(deps) == len(masukan) + len(keadaan)
    return {"output": kunci, "outputs": _keluaran(kunci, cb), "inputs": masukan, "state": keadaan,
            "changedPropIds": [f"{_teks_id(masukan[0]['id'])}.{masukan[0]['property']}"]
            if masukan and isinstance(masukan[0], dict) else []}


def panggil(client, app, kunci: str, **nilai):
    cb = daftar_callback(app)[kunci]
    return client.post("/_dash-update-component", json=payload(kunci, cb, nilai))


def sidik_basis_data(engine, *, kecuali: tuple[str, ...] = ("auditlog", "percobaanmasuk", "tembolok", "versidata")
                     ) -> str:
    """A hash of every row of every table but the audit log, the views' cache and its data version (a transaction
    that only took a row lock, like Pekerjaan's start, raises the version): equal before and after means nothing was
    written."""
    h = hashlib.sha256()
    with session_scope(engine) as s:
        for tabel in SQLModel.metadata.sorted_tables:
            if tabel.name in kecuali:
                continue
            kunci = list(tabel.primary_key.columns)
            for baris in s.execute(sa_select(tabel).order_by(*kunci)).all():
                h.update(json.dumps([tabel.name, *map(str, baris)], ensure_ascii=False).encode())
    return h.hexdigest()


def teks_jawaban(r) -> str:
    """Every text in a callback's answer, as a person would read it (the answer must be 200)."""
    assert r.status_code == 200, r.get_data(as_text=True)[:300]

    def kumpul(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for v in x.values():
                yield from kumpul(v)
        elif isinstance(x, list):
            for v in x:
                yield from kumpul(v)

    return " | ".join(kumpul(urai_statis(r.get_json()["response"])))


def badan_halaman(alamat: str) -> dict:
    """The pages router's request for an address, as the browser sends it."""
    path, _, query = alamat.partition("?")
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": f"?{query}" if query else ""}],
            "state": [], "changedPropIds": ["_pages_location.pathname"]}


def buka_halaman(client, alamat: str):
    """The page router's answer for an address, as the browser asks for it (the response; 200 or 403)."""
    return client.post("/_dash-update-component", json=badan_halaman(alamat))


def komponen_jawaban(isi, ident: str, prop: str = "id") -> dict | None:
    """The component whose `prop` (its id unless named) is `ident` anywhere in a callback's answer (its JSON), or
    None."""
    if isinstance(isi, dict):
        if isi.get("props", {}).get(prop) == ident:
            return isi
        for v in isi.values():
            if (hit := komponen_jawaban(v, ident, prop)) is not None:
                return hit
    elif isinstance(isi, list):
        for v in isi:
            if (hit := komponen_jawaban(v, ident, prop)) is not None:
                return hit
    return None


def urai_statis(isi):
    """A callback's answer with each table drawn as plain HTML (dashboard.components.statis, one dcc.Markdown)
    turned back into the components' JSON it was written from: tags as Dash's types, class as className."""
    from html.parser import HTMLParser

    class Pengurai(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.akar = {"props": {"children": []}}
            self.tumpuk = [self.akar]

        def handle_starttag(self, tag, attrs):
            props = {("className" if k == "class" else "colSpan" if k == "colspan" else k): v for k, v in attrs}
            node = {"type": tag.capitalize(), "namespace": "dash_html_components", "props": {**props, "children": []}}
            self.tumpuk[-1]["props"]["children"].append(node)
            if tag != "br":
                self.tumpuk.append(node)

        def handle_endtag(self, tag):
            if len(self.tumpuk) > 1:
                self.tumpuk.pop()

        def handle_data(self, data):
            self.tumpuk[-1]["props"]["children"].append(data)

    if isinstance(isi, dict):
        props = isi.get("props") or {}
        if isi.get("type") == "Markdown" and "statis" in str(props.get("className", "")):
            p = Pengurai()
            p.feed(props.get("children") or "")
            return {"type": "Div", "namespace": "dash_html_components", "props": {"children": p.akar["props"]["children"]}}
        return {k: urai_statis(v) for k, v in isi.items()}
    if isinstance(isi, list):
        return [urai_statis(v) for v in isi]
    return isi


def tabel_jawaban(r, ident: str) -> list[list[str]]:
    """The rows of the table `ident` in a callback's answer, header first, each cell's text as a person reads it
    (the answer must be 200)."""
    assert r.status_code == 200, r.get_data(as_text=True)[:300]

    def teks(x) -> str:
        if isinstance(x, (str, int, float)):
            return str(x)
        if isinstance(x, dict):
            return teks(x.get("props", {}).get("children"))
        if isinstance(x, list):
            return "".join(teks(v) for v in x)
        return ""

    def baris(x):
        if isinstance(x, dict):
            if x.get("type") == "Tr":
                yield [teks(c) for c in (x["props"].get("children") or [])]
                return
            for v in x.values():
                yield from baris(v)
        elif isinstance(x, list):
            for v in x:
                yield from baris(v)

    tabel = komponen_jawaban(urai_statis(r.get_json()["response"]), ident)
    assert tabel is not None, f"tabel {ident} tidak ada pada jawaban"
    return list(baris(tabel))
