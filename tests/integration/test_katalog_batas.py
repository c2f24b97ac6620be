"""The catalogue draws a page of offices at a time, counted and cut in the database; the office filter is read
without the SOPs."""
from __future__ import annotations

import models.sop.register as register
from models.db import session_scope
from models.sop.register import daftar_sop, halaman_katalog, kantor_katalog
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, payload, teks_jawaban


def _kunci(app) -> str:
    """The catalogue's callback, by its function."""
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.katalog.tampilkan")


def _kartu(r) -> list[str]:
    isi = r.get_json()["response"]["katalog-hasil"]["children"]
    return [k["props"]["data-kecamatan"] for k in isi if "kantor" in (k["props"].get("className") or "")]


def test_the_office_filter_lists_every_office_holding_an_sop(demo):
    with session_scope(demo) as s:
        assert kantor_katalog(s) == sorted({(b.kabupaten, b.kecamatan) for b in daftar_sop(s)})
        assert [k for _, k in kantor_katalog(s, [])] == []


def test_pages_hold_whole_offices_up_to_the_rows_and_together_the_whole_catalogue(demo):
    with session_scope(demo) as s:
        semua = daftar_sop(s)
        kantor = list(dict.fromkeys((b.kabupaten, b.kecamatan) for b in semua))
        per_kantor = {k: sum(1 for b in semua if (b.kabupaten, b.kecamatan) == k) for k in kantor}
        batas = max(per_kantor.values())  # the largest office fills a page alone or with small ones
        pertama = halaman_katalog(s, per_halaman=batas)
        halaman = [halaman_katalog(s, per_halaman=batas, halaman=h) for h in range(1, pertama.jumlah_halaman + 1)]
        assert pertama.jumlah_halaman > 1 and (pertama.sop, pertama.kantor) == (len(semua), len(kantor))
        assert [b.sop_id for h in halaman for b in h.baris] == [b.sop_id for b in semua]  # every SOP once, in order
        assert all(len(h.baris) <= batas for h in halaman)
        assert [(h.kantor_dari, h.kantor_sampai) for h in halaman][0][0] == 1
        assert halaman[-1].kantor_sampai == len(kantor)
        # a page past the last shows the last; nonsense shows the first; an office too big for a page gets its own
        assert halaman_katalog(s, per_halaman=batas, halaman=99).halaman == pertama.jumlah_halaman
        assert halaman_katalog(s, per_halaman=batas, halaman="x").halaman == 1
        assert halaman_katalog(s, per_halaman=1).jumlah_halaman == len(kantor)
        cari = halaman_katalog(s, cari="pengumpulan", per_halaman=batas)
        assert cari.sop == len(daftar_sop(s, cari="pengumpulan"))


def test_more_offices_than_a_page_holds_are_paged_and_named(client, app, demo, monkeypatch):
    with session_scope(demo) as s:
        semua = kantor_katalog(s)
        jumlah_sop = len(daftar_sop(s))
        per_kantor = [len(daftar_sop(s, nama_kecamatan=kec)) for _, kec in semua]
    # two offices a page: the rows of the two largest
    monkeypatch.setattr(register, "BARIS_HALAMAN_KATALOG", sorted(per_kantor)[-1] + sorted(per_kantor)[-2])
    masuk(client, "admin")
    r = panggil(client, app, _kunci(app), cari=None, kecamatan=None, halaman=1)
    isi = r.get_json()["response"]
    pertama = _kartu(r)
    assert 1 <= len(pertama) < len(semua) and pertama == [kec for _, kec in semua[:len(pertama)]]
    jumlah = isi["katalog-halaman"]["max_value"]
    assert jumlah > 1 and isi["katalog-halaman"]["active_page"] == 1
    assert isi["katalog-halaman"]["className"] == "mt-2 flex-wrap"
    assert isi["katalog-jumlah"]["children"] == (
        f"{jumlah_sop} SOP di {len(semua)} kecamatan; menampilkan kecamatan 1–{len(pertama)} (halaman 1 dari "
        f"{jumlah}). Ketik nama SOP atau kecamatan, atau pilih kecamatan, untuk mempersempit.")
    dilihat = []
    for h in range(1, jumlah + 1):  # a click on the pager
        body = payload(_kunci(app), daftar_callback(app)[_kunci(app)], {"cari": None, "kecamatan": None, "halaman": h})
        body["changedPropIds"] = ["katalog-halaman.active_page"]
        r = client.post("/_dash-update-component", json=body)
        assert r.get_json()["response"]["katalog-halaman"]["active_page"] == h
        dilihat += _kartu(r)
    assert dilihat == [kec for _, kec in semua]
    # Narrowed to one office: one page, no pager, no note.
    r = panggil(client, app, _kunci(app), cari=None, kecamatan="Poncokusumo", halaman=3)
    isi = r.get_json()["response"]
    assert _kartu(r) == ["Poncokusumo"] and isi["katalog-halaman"]["className"] == "d-none"
    assert "menampilkan" not in teks_jawaban(r)
