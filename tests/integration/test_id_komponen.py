"""Every component id a callback names exists in what the pages and the callbacks render: a mistyped id fails here,
by name, instead of leaving a button that silently does nothing.

Dash's own check (a validation layout built by calling every page layout) cannot run here: the layouts read the
database for the signed-in user and refuse anyone else, and Dash would build it on the first request, a login's.
So the pages are rendered through Dash's router as the users who see them, and the callbacks that render further
components (charts per indicator, monitoring rows, the days-off table) are called; the ids found are compared with
every id the registered callbacks name (a pattern-matching id by its type).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import dash
from sqlmodel import select

from models.db import session_scope
from models.kinerja.iku import iku_kantor
from models.kinerja.realisasi import Isian, simpan_draf
from models.tables import HariLibur, Sop
from seed.akip_demo import pastikan_evaluator
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, panggil
from tests.fabrik import kabupaten, kantor, nama_pengguna, pengguna, perjanjian, sahkan
from tests.fabrik_akip import evaluasi_akip, laporan_kinerja

ROUTER = ".._pages_content.children..._pages_store.data.."
PENGGUNA = ("admin", *(nama_pengguna(p) for p in ("camat", "kasubag_evapor", "tim", "kasi_pem", "sekcam")),
            "kabupaten.malang", "inspektorat.malang")


def _ids(isi, hasil: set[str]) -> set[str]:
    if isinstance(isi, dict):
        props = isi.get("props")
        if isinstance(props, dict) and "id" in props:
            i = props["id"]
            hasil.add(f"type:{i.get('type')}" if isinstance(i, dict) else i)
        for v in isi.values():
            _ids(v, hasil)
    elif isinstance(isi, list):
        for v in isi:
            _ids(v, hasil)
    return hasil


def _halaman(client, alamat: str) -> dict:
    r = buka_halaman(client, alamat)
    assert r.status_code in (200, 403), (alamat, r.status_code)
    return r.get_json() if r.status_code == 200 else {}


def _dinamai(app) -> set[str]:
    """Every id the registered callbacks name as input, state or output."""
    hasil = set()
    for kunci, cb in daftar_callback(app).items():
        if "_pages" in kunci:
            continue
        bagian = [d["id"] for d in cb["inputs"] + cb["state"]]
        bagian += [seg.rsplit(".", 1)[0] for seg in kunci.strip(".").split("...")]
        for i in bagian:
            hasil.add(f"type:{json.loads(i)['type']}" if i.startswith("{") else i)
    return hasil


def _lke_akip(client, app, demo, monkeypatch, ditemukan: set[str]) -> None:
    """The Evaluasi AKIP's content: an office's LKE being answered (both columns, a proposal to copy, sending), one
    not yet opened (the button that opens it) and one sent to the evaluator (the final form)."""
    from models.tindak_lanjut import bukti_lke
    from models.tindak_lanjut import evaluasi_akip as ea
    from tests import lke_contoh

    monkeypatch.setitem(bukti_lke.PEMBACA, bukti_lke.kunci_kriteria("Pengukuran kinerja telah dilakukan secara "
                                                                    "berkala."),
                        lambda _s, _k, _t: bukti_lke.Usulan("Y", "Uji.", ()))
    kunci = next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "tampilkan"
                 and cb["callback"].__module__ == "callbacks.evaluasi_akip")
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=2025, oleh=evapor, hari_ini=date(2026, 3, 1))
    kepala = next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "kepala"
                  and cb["callback"].__module__ == "callbacks.evaluasi_akip")
    masuk(client, "evapor.poncokusumo")
    _ids(panggil(client, app, kunci, kecamatan=None, tahun=2025).get_json(), ditemukan)
    _ids(panggil(client, app, kepala, evaluasi_id=ev.id).get_json(), ditemukan)
    masuk(client, "inspektorat.malang")
    _ids(panggil(client, app, kunci, kecamatan="Kalipare", tahun=2025).get_json(), ditemukan)
    with session_scope(demo) as s:
        for kode, j in lke_contoh.jawaban_mandiri().items():
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=j, catatan=None, oleh=evapor)
        ea.kirim(s, evaluasi_id=ev.id, oleh=evapor)
    masuk(client, "inspektorat.malang")
    _ids(panggil(client, app, kunci, kecamatan="Poncokusumo", tahun=2025).get_json(), ditemukan)
    _ids(panggil(client, app, kepala, evaluasi_id=ev.id).get_json(), ditemukan)


def test_every_id_a_callback_names_is_rendered_somewhere(client, app, demo, monkeypatch):
    with session_scope(demo) as s:
        s.add(HariLibur(tanggal=date(2026, 10, 29), keterangan="Hari Jadi Kabupaten"))
        ponco = kantor(s)
        ind = iku_kantor(s, ponco.id)[0].id
        sop = s.exec(select(Sop.id).where(Sop.kecamatan_id == ponco.id)).first()
        u = {"evapor": pengguna(s, peran="kasubag_evapor"), "camat": pengguna(s, peran="camat")}
        pada = datetime(2025, 4, 7, 8, tzinfo=ZoneInfo("Asia/Jakarta"))
        r = simpan_draf(s, kecamatan_id=ponco.id, tahun=2025, triwulan=1, isian=Isian(ind, "40", "50"),
                        oleh=u["evapor"], pada=pada, hari_ini=date(2025, 4, 7))
        sahkan(s, realisasi_id=r.id, pengisi=u["evapor"], camat=u["camat"], pada=pada)  # the Camat may reopen it
        pastikan_evaluator(s, kabupaten(s, nama="Malang"))  # the kabupaten's evaluator, where the demo has none
        perjanjian(s, tahun=2025, pada=pada)  # a signed PK: its publication button
        evaluasi_akip(s, kecamatan="Karangploso", tahun=2025)  # a final Evaluasi AKIP: its release button
        laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2025)  # a signed LKj: its publication button
    import base64

    from tests.integration.test_sop_unggah import _kalipare

    dokumen_unggah = "data:application/octet-stream;base64," + base64.b64encode(_kalipare()).decode()
    client.get("/_dash-layout")
    ditemukan = _ids(client.get("/_dash-layout").get_json(), set())
    for username in PENGGUNA:
        masuk(client, username)
        alamat = [p["path"] for p in dash.page_registry.values() if not p.get("path_template")]
        alamat += [f"/sop/{sop}", f"/realisasi?indikator={ind}&tahun=2025&triwulan=1"]
        for a in alamat:
            _ids(_halaman(client, a), ditemukan)
        for kunci, nilai in (("capaian-isi.children", dict(kecamatan="Poncokusumo", tahun=2025, triwulan=1,
                                                             indikator=None)),
                             ("libur-tabel.children", dict(tahun=2026)),
                             ("rekap-akip-isi.children", dict(kabupaten=1, tahun=2025)),):
            r = panggil(client, app, kunci, **nilai)
            if r.status_code == 200:
                _ids(r.get_json(), ditemukan)
        for kunci in daftar_callback(app):
            if kunci.startswith("..unggah-sop-pratinjau.children"):  # an uploaded SOP's preview: its pickers
                r = panggil(client, app, kunci, isi=dokumen_unggah, kantor=None, nama="kalipare.docx")
                if r.status_code == 200:
                    _ids(r.get_json(), ditemukan)
            if kunci.startswith(("..pk-isi.children", "..lkj-isi.children")):  # a signed PK's or LKj's publication
                r = panggil(client, app, kunci, kecamatan="Poncokusumo", tahun=2025)
                if r.status_code == 200:
                    _ids(r.get_json(), ditemukan)
            if kunci.startswith("..monsop-monitoring.children"):
                r = panggil(client, app, kunci, kecamatan="Poncokusumo", tahun=2025, semester=1)
                if r.status_code == 200:
                    _ids(r.get_json(), ditemukan)
    _lke_akip(client, app, demo, monkeypatch, ditemukan)
    hilang = sorted(_dinamai(app) - ditemukan)
    assert hilang == [], f"id yang dinamai callback tetapi tidak ada di tata letak mana pun: {hilang}"
