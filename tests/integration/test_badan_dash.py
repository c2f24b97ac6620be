"""A callback request Dash cannot read is answered 400 by the product before Dash sees it, and nothing is written
(dashboard/web/badan_dash.py). The write used is the admin's "Tambah hari libur", which commits: before, a request
of it without `outputs` added the day and then answered 500."""
from __future__ import annotations

import copy
import json

import pytest
from sqlmodel import func, select

from dashboard.web.badan_dash import BadanTidakSah, periksa_badan
from models.db import session_scope
from models.tables import AuditLog, HariLibur
from tests.conftest import masuk
from tests.dash_util import daftar_callback, payload, sidik_basis_data

PESAN = {"galat": "Permintaan tidak dapat dibaca; muat ulang halaman."}
NILAI = {"tanggal": "2026-10-29", "keterangan": "Hari Jadi Kabupaten", "versi": 0}


def _tambah(app) -> tuple[str, dict]:
    app.server.test_client().get("/_dash-layout")
    kunci = next(k for k in daftar_callback(app) if k.startswith("..libur-pesan.children..."))
    return kunci, app.callback_map[kunci]


def _tanpa(kunci):
    def ubah(b):
        b.pop(kunci)
    return ubah


def _set(kunci, nilai):
    def ubah(b):
        b[kunci] = nilai
    return ubah


def _input(i, **ganti):
    def ubah(b):
        b["inputs"][i] = {**b["inputs"][i], **ganti}
    return ubah


RUSAK = {
    "tanpa outputs": _tanpa("outputs"),
    "tanpa output": _tanpa("output"),
    "tanpa inputs": _tanpa("inputs"),
    "output tak terdaftar": _set("output", "libur-pesan.children"),
    "output bukan teks": _set("output", ["..libur-pesan.children..."]),
    "outputs objek, bukan daftar": lambda b: b.__setitem__("outputs", b["outputs"][0]),
    "outputs kurang satu": lambda b: b.__setitem__("outputs", b["outputs"][:-1]),
    "outputs id lain": lambda b: b["outputs"].__setitem__(0, {"id": "libur-tabel", "property": "children"}),
    "outputs properti lain": lambda b: b["outputs"].__setitem__(0, {"id": "libur-pesan", "property": "style"}),
    "inputs bukan daftar": _set("inputs", {"id": "libur-simpan", "property": "n_clicks", "value": 1}),
    "inputs kosong": _set("inputs", []),
    "inputs id lain": _input(0, id="libur-tabel"),
    "inputs id pola": _input(0, id={"type": "libur-simpan", "index": 1}),
    "inputs properti lain": _input(0, property="value"),
    "inputs butir bukan objek": _set("inputs", [1]),
    "state kurang": lambda b: b.__setitem__("state", b["state"][:-1]),
    "state lebih": lambda b: b["state"].append({"id": "x", "property": "value", "value": 1}),
    "state bukan daftar": _set("state", "x"),
    "changedPropIds teks": _set("changedPropIds", "libur-simpan.n_clicks"),
    "changedPropIds berisi angka": _set("changedPropIds", [1]),
}


@pytest.mark.parametrize("cara", list(RUSAK))
def test_a_body_that_does_not_fit_the_registered_callback_is_400_and_writes_nothing(client, app, demo, cara):
    kunci, cb = _tambah(app)
    masuk(client, "admin")
    badan = payload(kunci, cb, NILAI)
    RUSAK[cara](badan)
    sebelum = sidik_basis_data(demo, kecuali=("percobaanmasuk",))  # the audit log too: nothing is audited either
    r = client.post("/_dash-update-component", json=badan)
    assert (r.status_code, r.get_json()) == (400, PESAN)
    assert sidik_basis_data(demo, kecuali=("percobaanmasuk",)) == sebelum


@pytest.mark.parametrize("data", [b"", b"bukan json", b"[]", b'"teks"', b"null", b"[" * 5000 + b"]" * 5000,
                                  b'{"output": ' + b"9" * 5000 + b"}"])
def test_a_body_that_is_no_json_object_is_400(client, app, demo, data):
    _tambah(app)
    masuk(client, "admin")
    sebelum = sidik_basis_data(demo)
    r = client.post("/_dash-update-component", data=data, content_type="application/json")
    assert (r.status_code, r.get_json()) == (400, PESAN)
    assert sidik_basis_data(demo) == sebelum


def test_the_same_request_in_shape_is_read_and_writes(client, app, demo):
    """The control: the browser's shape passes the check and the day is added (once)."""
    kunci, cb = _tambah(app)
    masuk(client, "admin")
    r = client.post("/_dash-update-component", json=payload(kunci, cb, NILAI))
    assert r.status_code == 200
    assert "Libur lokal Kamis, 29 Oktober 2026 (Hari Jadi Kabupaten) ditambahkan." in json.dumps(r.get_json())
    with session_scope(demo) as s:
        assert s.exec(select(func.count(HariLibur.id)).where(HariLibur.keterangan == NILAI["keterangan"])).one() == 1
        assert s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "hari_libur.tambah")).one() == 1


def test_without_a_session_the_answer_is_still_401(client, app, demo):
    """The guard speaks first: a malformed body from nobody is told to sign in, as any other."""
    _tambah(app)
    r = client.post("/_dash-update-component", json={"output": "x"})
    assert r.status_code == 401


def test_every_registered_callback_accepts_the_browsers_shape_and_pattern_ids_resolve(client, app, demo):
    """Each callback's request as the browser sends it passes (pattern-matching ids with MATCH as one concrete id,
    ALL as a list of them); a MATCH id left as the pattern, or an ALL dependency sent as one item, does not."""
    app.server.test_client().get("/_dash-layout")
    callbacks = daftar_callback(app)
    for kunci, cb in callbacks.items():
        periksa_badan(payload(kunci, cb, {"pathname_": "/", "search_": ""}), app.callback_map)
    kunci = next(k for k in callbacks if k.startswith('{"index":["MATCH"],"type":"monsop-pesan"}'))
    badan = payload(kunci, callbacks[kunci], {})
    assert badan["outputs"]["id"] == {"index": 1, "type": "monsop-pesan"}
    for ubah in (lambda b: b["outputs"].__setitem__("id", '{"index":["MATCH"],"type":"monsop-pesan"}'),
                 lambda b: b["outputs"].__setitem__("id", {"index": [1], "type": "monsop-pesan"}),
                 lambda b: b["outputs"].__setitem__("id", {"index": 1, "type": "lain"}),
                 lambda b: b["inputs"][0].__setitem__("id", {"index": 1})):
        rusak = copy.deepcopy(badan)
        ubah(rusak)
        with pytest.raises(BadanTidakSah):
            periksa_badan(rusak, app.callback_map)
    kunci = next(k for k in callbacks if k.startswith("..libur-hapus-id.data"))
    badan = payload(kunci, callbacks[kunci], {})
    badan["inputs"] = [[{"id": {"index": 7, "type": "libur-hapus"}, "property": "n_clicks", "value": 1},
                        {"id": {"index": 9, "type": "libur-hapus"}, "property": "n_clicks", "value": None}]]
    periksa_badan(badan, app.callback_map)
    badan["inputs"] = [badan["inputs"][0][0]]
    with pytest.raises(BadanTidakSah):
        periksa_badan(badan, app.callback_map)


def test_the_pages_router_is_given_the_address_as_text(client, app, demo):
    """The pages router is Dash's own callback: a pathname that is not text made it answer 500."""
    from tests.dash_util import badan_halaman

    masuk(client, "admin")
    badan = badan_halaman("/hari-libur")
    assert client.post("/_dash-update-component", json=badan).status_code == 200
    for nilai in (None, 5, ["/"], {"a": 1}, "0001-01-01", ""):
        badan["inputs"][0]["value"] = nilai
        r = client.post("/_dash-update-component", json=badan)
        assert (r.status_code, r.get_json()) == (400, PESAN)
