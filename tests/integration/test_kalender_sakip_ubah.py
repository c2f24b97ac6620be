"""Kalender SAKIP, Ubah jadwal, through its callbacks: the SOP is chosen from those the kabupaten's offices hold (a
name none holds is refused, naming it; one some lack is saved, naming them), the form starts from the values in
force, and a day the month never has (31 Februari) is refused instead of read as the month's end.

The demo's Malang has three offices, Kalipare, Karangploso and Poncokusumo; "Penyusunan Laporan Kinerja (LKj)" is
Poncokusumo's alone, "Pelaporan Kinerja" Karangploso's alone.
"""
from __future__ import annotations

import json

import pytest
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.kalender_sakip import jadwal_kabupaten, ubah_jadwal
from models.tables import AuditLog, JadwalSakip
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, payload, sidik_basis_data
from tests.fabrik import kabupaten, pengguna

TANPA_TANGGAL = ["", "", ""]


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == f"callbacks.kalender_sakip.{nama}")


def _simpan(client, app, kewajiban: str, *, sop=None, hari_kerja=None, mulai=TANPA_TANGGAL, tenggat=TANPA_TANGGAL):
    """The message Simpan jadwal shows (its Alert's text)."""
    r = panggil(client, app, _kunci(app, "simpan"), kabupaten=None, kewajiban=kewajiban, sop=sop,
                hari_kerja=hari_kerja, mulai=mulai, tenggat=tenggat, versi=0)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()["response"]["jadwal-pesan"]["children"]["props"]["children"]


def _isi_formulir(client, app, kewajiban: str, kabupaten=None) -> dict:
    """What choosing an obligation puts in the form: {component id: {property: value}}. Its date inputs have
    ids of the {"type", "index"} kind with no wildcard: the browser sends those as objects."""
    kunci = _kunci(app, "isi_formulir")
    badan = payload(kunci, daftar_callback(app)[kunci], {"kewajiban": kewajiban, "kabupaten": kabupaten})
    for keluaran in badan["outputs"]:
        if isinstance(keluaran["id"], str) and keluaran["id"].startswith("{"):
            keluaran["id"] = json.loads(keluaran["id"])
    r = client.post("/_dash-update-component", json=badan)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    return r.get_json()["response"]


def _jadwal(demo, kewajiban: str) -> JadwalSakip:
    with session_scope(demo) as s:
        j = next(j for j in jadwal_kabupaten(s, kabupaten(s, nama="Malang").id) if j.kewajiban == kewajiban)
        if j in s:
            s.expunge(j)
        return j


def _ditolak(demo) -> list[str]:
    with session_scope(demo) as s:
        return [a.keterangan for a in s.exec(select(AuditLog).where(AuditLog.aksi == "aksi.ditolak")
                                             .order_by(AuditLog.id)).all()]


@pytest.fixture
def kabupaten_malang(demo, client, app):
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    return client


# ---------------------------------------------------------------------- point 1: the SOP is one the offices hold


def test_an_sop_no_office_of_the_kabupaten_holds_is_refused_naming_it_and_nothing_is_written(demo, app,
                                                                                            kabupaten_malang):
    sebelum = sidik_basis_data(demo)
    r = _simpan(kabupaten_malang, app, "pengukuran", sop="SOP Yang Tidak Ada", hari_kerja=15)
    pesan = 'SOP "SOP Yang Tidak Ada" tidak dimiliki kantor mana pun di Kabupaten Malang; pilih dari daftar.'
    assert r == pesan
    assert sidik_basis_data(demo) == sebelum
    assert _ditolak(demo)[-1] == pesan
    assert _jadwal(demo, "pengukuran").sop_nama == "Pengukuran Kinerja"


def test_a_changed_sop_some_offices_lack_is_saved_naming_them(demo, app, kabupaten_malang):
    r = _simpan(kabupaten_malang, app, "pelaporan_kinerja", sop="SOP Penyusunan Laporan Kinerja (LKj)",
                mulai=["1", "1", 1], tenggat=["1", "2", 29])
    assert r == (
        'Jadwal Pelaporan Kinerja Kabupaten Malang disimpan. SOP "SOP Penyusunan Laporan Kinerja (LKj)" belum dimiliki '
        '2 kantor (Kalipare, Karangploso): di kantor tersebut kewajiban ini tampil "Belum ada SOP".')
    assert _jadwal(demo, "pelaporan_kinerja").sop_nama == "SOP Penyusunan Laporan Kinerja (LKj)"


def test_a_name_in_force_that_no_office_holds_does_not_block_changing_the_dates(demo, app, kabupaten_malang):
    # A name stored before the rule (or an office's SOP since removed) stays until replaced: the dates still change.
    with session_scope(demo) as s:
        malang = kabupaten(s, nama="Malang").id
        ubah_jadwal(s, kabupaten_id=malang, kewajiban="renja", tenggat=(-1, 6, 30),
                    oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"), mulai=(-1, 1, 3))
        s.exec(select(JadwalSakip).where(JadwalSakip.kabupaten_id == malang)
               .where(JadwalSakip.kewajiban == "renja")).one().sop_nama = "SOP Lama Yang Dihapus"
    r = _simpan(kabupaten_malang, app, "renja", sop="SOP Lama Yang Dihapus", mulai=["-1", "1", 5],
                tenggat=["-1", "6", 30])
    assert r == (
        'Jadwal Rencana Kerja (Renja) Kabupaten Malang disimpan. SOP "SOP Lama Yang Dihapus" belum dimiliki 3 kantor '
        '(Kalipare, Karangploso, Poncokusumo): di kantor tersebut kewajiban ini tampil "Belum ada SOP".')
    assert _jadwal(demo, "renja").mulai_tanggal == 5


def test_choosing_an_obligation_fills_the_form_with_the_offices_sops_and_the_values_in_force(demo, app,
                                                                                           kabupaten_malang):
    jawaban = _isi_formulir(kabupaten_malang, app, "pelaporan_kinerja", kabupaten="999")
    sop = jawaban["jadwal-sop"]
    assert sop["value"] == "Pelaporan Kinerja"
    pilihan = [(p["label"], p["value"]) for p in sop["options"]]
    assert pilihan[:3] == [("Tanpa SOP", ""), ("Evaluasi Data Kinerja (1 dari 3 kantor)", "Evaluasi Data Kinerja"),
                           ("Pelaporan Kinerja (1 dari 3 kantor)", "Pelaporan Kinerja")]
    assert ("Prosedur Pengumpulan Data Kinerja Indikator Keaktifan Siskamling (2 dari 3 kantor)",
            "Prosedur Pengumpulan Data Kinerja Indikator Keaktifan Siskamling") in pilihan
    assert jawaban["jadwal-hari-kerja"]["value"] is None
    tanggal = {k: v["value"] for k, v in jawaban.items() if k.startswith("{")}
    assert tanggal == {'{"index":"geser","type":"jadwal-mulai"}': "1", '{"index":"bulan","type":"jadwal-mulai"}': "1",
                       '{"index":"tanggal","type":"jadwal-mulai"}': "1",
                       '{"index":"geser","type":"jadwal-tenggat"}': "1",
                       '{"index":"bulan","type":"jadwal-tenggat"}': "2",
                       '{"index":"tanggal","type":"jadwal-tenggat"}': "29"}
    jawaban = _isi_formulir(kabupaten_malang, app, "pengukuran")
    assert (jawaban["jadwal-sop"]["value"], jawaban["jadwal-hari-kerja"]["value"]) == ("Pengukuran Kinerja", 15)
    # Sending the form back as filled changes nothing.
    sebelum = sidik_basis_data(demo, kecuali=())
    r = _simpan(kabupaten_malang, app, "pengukuran", sop="Pengukuran Kinerja", hari_kerja=15)
    assert r == ('Jadwal Pengukuran Kinerja Kabupaten Malang disimpan. SOP "Pengukuran Kinerja" belum dimiliki 2 '
                 'kantor (Kalipare, Karangploso): di kantor tersebut kewajiban ini tampil "Belum ada SOP".')
    assert sidik_basis_data(demo, kecuali=()) == sebelum


def test_the_collection_of_figures_offers_no_sop(demo, app, kabupaten_malang):
    sop = _isi_formulir(kabupaten_malang, app, "pengumpulan")["jadwal-sop"]
    assert (sop["options"], sop["value"]) == ([{"label": "Tanpa SOP", "value": ""}], "")


# ---------------------------------------------------------------------- point 4: dates that exist


@pytest.mark.parametrize("tenggat, pesan", [
    (["1", "2", 31], "Tanggal tenggat Pelaporan Kinerja: 31 Februari tidak ada; Februari paling banyak 29 hari "
                     "(29 Februari berarti akhir Februari: 28 Februari pada tahun bukan kabisat)."),
    (["1", "2", 30], "Tanggal tenggat Pelaporan Kinerja: 30 Februari tidak ada; Februari paling banyak 29 hari "
                     "(29 Februari berarti akhir Februari: 28 Februari pada tahun bukan kabisat)."),
    (["1", "4", 31], "Tanggal tenggat Pelaporan Kinerja: 31 April tidak ada; April paling banyak 30 hari."),
    (["1", "2", 0], "Tanggal tenggat Pelaporan Kinerja harus 1 sampai 31, bukan 0."),
])
def test_a_day_the_month_never_has_is_refused_with_its_reason_and_nothing_is_written(demo, app, kabupaten_malang,
                                                                                   tenggat, pesan):
    sebelum = sidik_basis_data(demo)
    r = _simpan(kabupaten_malang, app, "pelaporan_kinerja", sop="Pelaporan Kinerja", mulai=["1", "1", 1],
                tenggat=tenggat)
    assert r == pesan
    assert sidik_basis_data(demo) == sebelum


def test_29_februari_is_the_end_of_february_in_every_year(demo, app, kabupaten_malang):
    r = _simpan(kabupaten_malang, app, "laporan_kinerja", sop="Penyusunan Laporan Kinerja (LKj)",
                mulai=["0", "12", 1], tenggat=["1", "2", 29])
    assert r.startswith("Jadwal Laporan Kinerja (LKj) Kabupaten Malang disimpan.")
    j = _jadwal(demo, "laporan_kinerja")
    assert (j.mulai_bulan, j.tenggat_bulan, j.tenggat_tanggal) == (12, 2, 29)


def test_a_31_februari_stored_before_reads_as_the_end_of_february_and_other_fields_still_change(demo, app,
                                                                                              kabupaten_malang):
    with session_scope(demo) as s:
        malang = kabupaten(s, nama="Malang").id
        ubah_jadwal(s, kabupaten_id=malang, kewajiban="pengukuran", tenggat_hari_kerja=12,
                    oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
        s.exec(select(JadwalSakip).where(JadwalSakip.kabupaten_id == malang)
               .where(JadwalSakip.kewajiban == "pelaporan_kinerja")).one().tenggat_tanggal = 31
    assert _isi_formulir(kabupaten_malang, app, "pelaporan_kinerja")[
        '{"index":"tanggal","type":"jadwal-tenggat"}']["value"] == "29"
    r = _simpan(kabupaten_malang, app, "pelaporan_kinerja", sop="Pelaporan Kinerja", mulai=["1", "1", 2],
                tenggat=["1", "2", 29])
    assert r.startswith("Jadwal Pelaporan Kinerja Kabupaten Malang disimpan.")
    j = _jadwal(demo, "pelaporan_kinerja")
    assert (j.mulai_tanggal, j.tenggat_bulan, j.tenggat_tanggal) == (2, 2, 29)
