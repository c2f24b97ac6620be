"""Impor Pegawai's choice of office: the admin's country is searched in the database, 20 offices at a time, never sent
whole; a kabupaten user is offered its own offices only, whatever is typed."""
from __future__ import annotations

import json

from sqlmodel import select

from models.akun.kantor import MAKS_PILIHAN, cari_kantor, kantor_bernomor
from models.db import session_scope
from models.tables import Kabupaten, Kecamatan
from tests.conftest import masuk
from tests.dash_util import buka_halaman, panggil


def _banyak_kantor(engine, n: int = 30) -> None:
    """`n` more offices in a kabupaten of their own (a country is thousands)."""
    with session_scope(engine) as s:
        kab = Kabupaten(nama="Uji Banyak")
        s.add(kab)
        s.flush()
        for i in range(n):
            s.add(Kecamatan(kabupaten_id=kab.id, nama=f"Kantor Uji {i:02d}"))


def test_offices_found_by_words_within_the_scope(demo):
    _banyak_kantor(demo)
    with session_scope(demo) as s:
        malang = list(s.exec(select(Kecamatan.id).join(Kabupaten).where(Kabupaten.nama == "Malang")))
        semua = cari_kantor(s, lingkup=None)
        assert len(semua) == MAKS_PILIHAN
        assert [label for _, label in cari_kantor(s, lingkup=None, cari="papalik")] == [
            "Muara Papalik (Kab. Tanjung Jabung Barat)"]
        assert [label for _, label in cari_kantor(s, lingkup=None, cari="UJI 29", batas=100)] == [
            "Kantor Uji 29 (Kab. Uji Banyak)"]  # every word, in any case
        assert len(cari_kantor(s, lingkup=None, cari="banyak", batas=100)) == 30  # the kabupaten's name
        assert cari_kantor(s, lingkup=malang, cari="papalik") == []  # another kabupaten's office is not there
        assert {label.endswith("(Kab. Malang)") for _, label in cari_kantor(s, lingkup=malang)} == {True}
        assert cari_kantor(s, lingkup=[], cari=None) == []
        asing = s.exec(select(Kecamatan).where(Kecamatan.nama == "Muara Papalik")).one()
        assert kantor_bernomor(s, asing.id, malang) is None
        assert kantor_bernomor(s, asing.id, None) == (asing.id, "Muara Papalik (Kab. Tanjung Jabung Barat)")


def _opsi(client, app, cari, terpilih=None) -> list[str]:
    r = panggil(client, app, "pegawai-kantor.options", cari=cari, terpilih=terpilih)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return [o["label"] for o in r.get_json()["response"]["pegawai-kantor"]["options"]]


def test_the_admin_s_chooser_sends_a_page_of_offices_and_searches_the_rest(client, app, demo):
    _banyak_kantor(demo)
    masuk(client, "admin")
    halaman = json.dumps(buka_halaman(client, "/pegawai").get_json())
    # The page sends the first 20 offices, not the country.
    assert halaman.count("(Kab. ") == MAKS_PILIHAN
    assert _opsi(client, app, "kantor uji 29") == ["Kantor Uji 29 (Kab. Uji Banyak)"]
    with session_scope(demo) as s:
        dipilih = s.exec(select(Kecamatan).where(Kecamatan.nama == "Kantor Uji 29")).one().id
    # The office chosen stays offered while other words are typed.
    assert _opsi(client, app, "papalik", dipilih) == ["Muara Papalik (Kab. Tanjung Jabung Barat)",
                                                      "Kantor Uji 29 (Kab. Uji Banyak)"]


def test_a_kabupaten_user_is_offered_its_own_offices_only(client, app, demo):
    _banyak_kantor(demo)
    masuk(client, "kabupaten.malang")
    with session_scope(demo) as s:
        asing = s.exec(select(Kecamatan).where(Kecamatan.nama == "Muara Papalik")).one().id
    assert _opsi(client, app, "papalik") == []
    assert _opsi(client, app, "papalik", asing) == []  # another kabupaten's office named is not offered
    assert all(label.endswith("(Kab. Malang)") for label in _opsi(client, app, None))
