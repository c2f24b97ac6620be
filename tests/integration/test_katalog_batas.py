"""The catalogue draws a bounded number of offices at once; the office filter is read without the SOPs."""
from __future__ import annotations

import callbacks.katalog as katalog
from models.db import session_scope
from models.sop.register import daftar_sop, kantor_katalog
from tests.conftest import masuk
from tests.dash_util import panggil, teks_jawaban

KATALOG = "..katalog-hasil.children...katalog-jumlah.children.."


def test_the_office_filter_lists_every_office_holding_an_sop(demo):
    with session_scope(demo) as s:
        assert kantor_katalog(s) == sorted({(b.kabupaten, b.kecamatan) for b in daftar_sop(s)})
        assert [k for _, k in kantor_katalog(s, [])] == []


def test_more_offices_than_the_bound_are_drawn_up_to_it_and_the_rest_is_named(client, app, demo, monkeypatch):
    with session_scope(demo) as s:
        semua = kantor_katalog(s)
        jumlah_sop = len(daftar_sop(s))
    monkeypatch.setattr(katalog, "BATAS_KANTOR", 2)
    masuk(client, "admin")
    r = panggil(client, app, KATALOG, cari=None, kecamatan=None)
    isi = r.get_json()["response"]
    kartu = [k for k in isi["katalog-hasil"]["children"] if "kantor" in (k["props"].get("className") or "")]
    assert [k["props"]["data-kecamatan"] for k in kartu] == [kec for _, kec in semua[:2]]
    assert (f"Menampilkan 2 kecamatan pertama dari {len(semua)}. Ketik nama SOP atau kecamatan, atau pilih "
            "kecamatan, untuk mempersempit.") in teks_jawaban(r)
    assert isi["katalog-jumlah"]["children"] == f"{jumlah_sop} SOP di {len(semua)} kecamatan"
    # Narrowed to one office: no note.
    r = panggil(client, app, KATALOG, cari=None, kecamatan="Poncokusumo")
    assert "Menampilkan" not in teks_jawaban(r) and "Poncokusumo" in teks_jawaban(r)
