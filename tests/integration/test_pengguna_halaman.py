"""The admin's users list is paged, sorted and searched by the database: one page leaves the server, whatever the
number of accounts."""
from __future__ import annotations

import json

import pytest
from sqlmodel import select

from models.akun.pengguna import PER_HALAMAN_PENGGUNA, cari_pengguna
from models.db import session_scope
from models.tables import Kecamatan, User
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import daftar_callback, payload, teks_jawaban
from tests.fabrik import kantor, lepas

TABEL = ("..pengguna-tabel.children...pengguna-keterangan.children...pengguna-halaman.max_value..."
         "pengguna-halaman.active_page..")
PILIHAN = "kelola-pengguna.options"
BANYAK = 130


def _isi_banyak(engine) -> int:
    """130 staff accounts of Kalipare, numbered, every tenth inactive, each with a NIP ending in its number."""
    with session_scope(engine) as s:
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Kalipare")).one()
        for i in range(BANYAK):
            s.add(User(username=f"uji{i:03d}.kalipare", nama=f"Pegawai Uji {i:03d}", password_hash="x",
                       role_kode="staf", kecamatan_id=kec.id, aktif=i % 10 != 0, nip=f"199001012015011{i:03d}"))
        return kec.id


def _semua(engine) -> int:
    with session_scope(engine) as s:
        return len(s.exec(select(User)).all())


def test_the_database_pages_sorts_and_searches_the_accounts(demo):
    _isi_banyak(demo)
    semua = _semua(demo)
    with session_scope(demo) as s:
        h = cari_pengguna(s)
        assert (h.cocok, h.semua, h.halaman, len(h.baris)) == (semua, semua, 1, PER_HALAMAN_PENGGUNA)
        assert h.baris[0].kantor == "Semua kantor"  # the admins first, then office by office
        terakhir = cari_pengguna(s, halaman=h.jumlah_halaman)
        assert len(terakhir.baris) == semua - (h.jumlah_halaman - 1) * PER_HALAMAN_PENGGUNA
        assert cari_pengguna(s, halaman=10_000).halaman == h.jumlah_halaman  # past the last: the last
        assert cari_pengguna(s, halaman="2").halaman == 1  # not a number: the first
        # Every account once over all pages, in a stable order.
        ids = [b.id for n in range(1, h.jumlah_halaman + 1) for b in cari_pengguna(s, halaman=n).baris]
        assert len(ids) == len(set(ids)) == semua

        uji = cari_pengguna(s, cari="pegawai uji", urut="username")
        assert (uji.cocok, uji.jumlah_halaman) == (BANYAK, 6)
        assert [b.username for b in uji.baris[:2]] == ["uji000.kalipare", "uji001.kalipare"]
        assert [b.username for b in cari_pengguna(s, cari="pegawai uji", urut="username", halaman=6).baris] == [
            f"uji{i:03d}.kalipare" for i in range(125, BANYAK)]
        # By NIP as printed (with its spaces), by office and role together, by status.
        nip = cari_pengguna(s, cari="19900101 201501 1 042")
        assert [(b.username, b.nip) for b in nip.baris] == [("uji042.kalipare", "19900101 201501 1 042")]
        assert {b.username for b in cari_pengguna(s, cari="kabupaten malang").baris} == {"kabupaten.malang", "inspektorat.malang"}
        assert cari_pengguna(s, cari="kalipare staf").cocok == BANYAK + 1  # and the demo's own staf.kalipare
        assert cari_pengguna(s, cari="kab. malang camat").cocok == cari_pengguna(s, cari="camat malang").cocok
        nonaktif = cari_pengguna(s, cari="pegawai uji", urut="status")
        assert [b.aktif for b in nonaktif.baris[:13]] == [False] * 13 and nonaktif.baris[13].aktif
        # A wildcard typed is a character sought, not a pattern.
        assert cari_pengguna(s, cari="%").cocok == 0 and cari_pengguna(s, cari="uji_0").cocok == 0
        assert cari_pengguna(s, cari="tidak-ada-orang-ini").baris == []
        with pytest.raises(Ditolak, match="^Teks pencarian terlalu panjang: 201 karakter, paling banyak 200.$"):
            cari_pengguna(s, cari="a" * 201)


def _tampilkan(client, app, *, cari=None, urut="kantor", halaman=1, pemicu="pengguna-halaman.active_page"):
    kunci = next(k for k in daftar_callback(app) if k.startswith(TABEL))
    body = payload(kunci, daftar_callback(app)[kunci], {"cari": cari, "urut": urut, "halaman": halaman, "_versi": 0})
    body["changedPropIds"] = [pemicu]
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def test_the_admin_receives_one_page_of_accounts_and_moves_between_pages(client, app, demo):
    _isi_banyak(demo)
    semua = _semua(demo)
    masuk(client, "admin")
    r = _tampilkan(client, app, cari="pegawai uji", urut="username", halaman=2)
    isi = r.get_json()["response"]
    teks = teks_jawaban(r)
    assert isi["pengguna-keterangan"]["children"] == f"Menampilkan 26–50 dari 130 pengguna (disaring dari {semua})."
    assert isi["pengguna-halaman"] == {"max_value": 6, "active_page": 2}
    assert "uji025.kalipare" in teks and "uji049.kalipare" in teks
    assert "uji024.kalipare" not in teks and "uji050.kalipare" not in teks
    # A new search starts at its first page, whatever page the pager was on.
    r = _tampilkan(client, app, cari="uji12", urut="username", halaman=5, pemicu="pengguna-cari.value")
    isi = r.get_json()["response"]
    assert isi["pengguna-halaman"] == {"max_value": 1, "active_page": 1}
    assert isi["pengguna-keterangan"]["children"].startswith("Menampilkan 1–10 dari 10 pengguna")
    r = _tampilkan(client, app, cari="tidak-ada-orang-ini")
    assert "Tidak ada pengguna yang cocok dengan pencarian." in teks_jawaban(r)


def test_the_chooser_offers_what_its_typed_words_find_and_keeps_the_chosen_one(client, app, demo):
    _isi_banyak(demo)
    masuk(client, "admin")
    kunci = next(k for k in daftar_callback(app) if k == PILIHAN)
    pilih = lepas(demo, lambda s: s.exec(select(User).where(User.username == "uji007.kalipare")).one())
    body = payload(kunci, daftar_callback(app)[kunci], {"cari": "uji12", "_versi": 0, "terpilih": pilih.id})
    opsi = client.post("/_dash-update-component", json=body).get_json()["response"]["kelola-pengguna"]["options"]
    assert [o["label"] for o in opsi] == [f"uji{i:03d}.kalipare · Staf · Kec. Kalipare (Kab. Malang)"
                                          for i in (7, *range(120, 130))]
    body = payload(kunci, daftar_callback(app)[kunci], {"cari": None, "_versi": 0, "terpilih": None})
    opsi = client.post("/_dash-update-component", json=body).get_json()["response"]["kelola-pengguna"]["options"]
    assert len(opsi) == 20


@pytest.mark.parametrize("username", ["kabupaten.malang", "camat.poncokusumo"])
def test_no_one_but_the_admin_reads_the_accounts(client, app, demo, username):
    masuk(client, username)
    r = _tampilkan(client, app, cari="uji")
    assert r.status_code == 403


def test_the_answer_stays_one_page_at_thousands_of_accounts(client, app, demo):
    """5,000 accounts (a province's offices): the answer is one page, not the list."""
    kec = lepas(demo, kantor, nama="Kalipare").id
    with session_scope(demo) as s:
        s.bulk_save_objects([User(username=f"massal{i:05d}", nama=f"Pegawai Massal {i}", password_hash="x",
                                  role_kode="staf", kecamatan_id=kec) for i in range(5000)])
    masuk(client, "admin")
    r = _tampilkan(client, app)
    assert r.status_code == 200 and len(r.get_data()) < 60_000
    assert r.get_json()["response"]["pengguna-halaman"]["max_value"] == -(-_semua(demo) // PER_HALAMAN_PENGGUNA)
