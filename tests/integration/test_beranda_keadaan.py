"""Beranda as the readers see it: a figure returned or reopened is named as Isi Realisasi names it and never shown
as a capaian; the admin's offices split by kabupaten, each under its own IKU; the whole year ("Setahun") and next
year, with the yearly work (Renja) that has no quarter."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlmodel import select

from dashboard.components.realisasi import lencana
from models.dasbor.kueri import kartu_iku, perbandingan
from models.db import session_scope
from models.sop.alur import catatan_terbuka, selesaikan
from models.tables import Indikator, Kabupaten, Realisasi
from tests.conftest import masuk
from tests.dash_util import buka_halaman, komponen_jawaban, panggil, tabel_jawaban, teks_jawaban
from tests.fabrik import kabupaten, kantor, nama_pengguna, pekerjaan, pengguna, realisasi

ISI = "beranda-isi.children"


def _kembali_dan_dibuka(s) -> dict[str, Realisasi]:
    """IKU-1 of triwulan II 2026 reopened by the Camat; IKU-2 (a sum over the year, quarter I official) returned."""
    return {"IKU-1": realisasi(s, indikator="IKU-1", tahun=2026, triwulan=2, pembilang=60, penyebut=72,
                               status="dibuka"),
            "IKU-2": (realisasi(s, indikator="IKU-2", tahun=2026, triwulan=1, pembilang=480, penyebut=500,
                                status="resmi"),
                      realisasi(s, indikator="IKU-2", tahun=2026, triwulan=2, pembilang=500, penyebut=520,
                                status="dikembalikan"))[1]}


def test_a_returned_and_a_reopened_figure_are_named_as_on_isi_realisasi_never_as_a_capaian(demo):
    """Card and comparison name the state as Isi Realisasi's badge does (models.kinerja.realisasi.keadaan_angka):
    "Dibuka kembali" and
    "Dikembalikan untuk perbaikan", with no capaian (the figure is being corrected), no band, and not averaged."""
    with session_scope(demo) as s:
        angka = _kembali_dan_dibuka(s)
        kec = kantor(s).id
        kartu = {k.indikator.kode: k for k in kartu_iku(s, kecamatan_id=kec, tahun=2026, triwulan=2)}
        df = perbandingan(s, kecamatan_ids=[kec], tahun=2026, triwulan=2).set_index("kode")
        for kode, r in angka.items():
            label = lencana(r.status).children  # Isi Realisasi's badge
            assert kartu[kode].keadaan.label == label == df.loc[kode, "status"].label
            assert kartu[kode].persen is None and kartu[kode].predikat is None
            assert kartu[kode].alasan == "angkanya sedang diperbaiki; capaian belum dapat dihitung"
            assert df.loc[kode, "capaian"] is None or df.loc[kode, "capaian"] != df.loc[kode, "capaian"]
        assert [kartu[k].keadaan.label for k in ("IKU-1", "IKU-2")] == ["Dibuka kembali", "Dikembalikan untuk perbaikan"]


def test_the_kabupatens_beranda_names_a_returned_figure_in_its_cell(demo, app, client):
    """Poncokusumo's row on the kabupaten's Beranda: the two cells say the state, not "83,33%*"; the legend no
    longer calls every unmarked-official figure "diajukan"."""
    with session_scope(demo) as s:
        _kembali_dan_dibuka(s)
    masuk(client, "kabupaten.malang")
    client.get("/")
    r = panggil(client, app, ISI, kecamatan="", tahun=2026, triwulan=2)
    baris = tabel_jawaban(r, "tabel-perbandingan-kantor")
    kepala = baris[0]
    ponco = next(b for b in baris if b[0] == "Poncokusumo")
    sel = dict(zip(kepala, ponco))
    iku1 = next(k for k in kepala if k.startswith("IKU-1"))
    iku2 = next(k for k in kepala if k.startswith("IKU-2"))
    assert (sel[iku1], sel[iku2]) == ("Dibuka kembali", "Dikembalikan untuk perbaikan")
    assert "diajukan, belum disahkan" not in teks_jawaban(r)


def _iku1(s, nama_kab: str) -> str:
    kab = kabupaten(s, nama=nama_kab)
    return s.exec(select(Indikator.nama).where(Indikator.kabupaten_id == kab.id)
                  .where(Indikator.kode == "IKU-1")).one()


def test_the_admins_beranda_shows_each_kabupaten_under_its_own_iku(demo, app, client):
    """Malang's IKU-1 and Tanjung Jabung Barat's are different indicators: the admin opens on one row per kabupaten
    and sees a kabupaten's offices under its own IKU names once it is chosen; a kabupaten user sees only theirs."""
    with session_scope(demo) as s:
        malang, tjb = kabupaten(s, nama="Malang").id, kabupaten(s, nama="Tanjung Jabung Barat").id
        nama_malang, nama_tjb = _iku1(s, "Malang"), _iku1(s, "Tanjung Jabung Barat")
    assert nama_malang != nama_tjb
    masuk(client, "admin")
    client.get("/")
    r = panggil(client, app, ISI, kecamatan="", tahun=2026, triwulan=2)
    assert [b[0] for b in tabel_jawaban(r, "tabel-nasional")[1:]] == ["Malang", "Tanjung Jabung Barat"]
    assert "Poncokusumo" not in teks_jawaban(r) and nama_malang not in teks_jawaban(r)
    r_malang = panggil(client, app, ISI, kecamatan="kabupaten:Malang", tahun=2026, triwulan=2)
    r_tjb = panggil(client, app, ISI, kecamatan="kabupaten:Tanjung Jabung Barat", tahun=2026, triwulan=2)
    assert "Kabupaten Tanjung Jabung Barat" not in teks_jawaban(r_malang) and nama_tjb not in teks_jawaban(r_malang)
    tabel_malang = tabel_jawaban(r_malang, f"tabel-perbandingan-kantor-{malang}")
    tabel_tjb = tabel_jawaban(r_tjb, f"tabel-perbandingan-kantor-{tjb}")
    kantor_malang = {b[0] for b in tabel_malang[1:]}
    kantor_tjb = {b[0] for b in tabel_tjb[1:]}
    assert "Poncokusumo" in kantor_malang and "Muara Papalik" in kantor_tjb
    assert not kantor_malang & kantor_tjb
    assert any(h == f"IKU-1{nama_malang}" for h in tabel_malang[0])
    assert any(h == f"IKU-1{nama_tjb}" for h in tabel_tjb[0])
    # its download: one kabupaten at a time, the admin's choice
    r = client.get(f"/unduh/beranda-kabupaten.xlsx?tahun=2026&triwulan=2&kabupaten={tjb}")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    assert {row[0] for row in ws.iter_rows(min_row=2, values_only=True)} == kantor_tjb
    r = client.get(f"/unduh/tl-terlambat.csv?tahun=2026&triwulan=2&kabupaten={malang}")
    assert r.status_code == 200 and "Muara Papalik" not in r.data.decode("utf-8-sig")
    masuk(client, "kabupaten.malang")
    client.get("/")
    r = panggil(client, app, ISI, kecamatan="", tahun=2026, triwulan=2)
    teks = teks_jawaban(r)
    assert "Muara Papalik" not in teks and "Tanjung Jabung" not in teks and nama_tjb not in teks
    assert client.get(f"/unduh/beranda-kabupaten.csv?tahun=2026&triwulan=2&kabupaten={tjb}").status_code == 403


def _pilihan(halaman, ident: str) -> list[dict]:
    return komponen_jawaban(halaman.get_json(), ident)["props"]["options"]


def test_beranda_offers_next_year_and_setahun_and_shows_the_renja_of_next_year(demo, app, client):
    """The year filter reaches next year as Waktu Siklus's does, "Setahun" is a period, and Renja 2027 (a run with no
    quarter) shows on Beranda for 2027: in the year's work with its progress, and its finished step in mutu baku."""
    from models.umum.periode import periode_baku

    th0 = periode_baku()[0]
    with session_scope(demo) as s:
        eks = pekerjaan(s, sop="Penyusunan Rencana Kerja (Renja)", tahun=th0 + 1, judul=f"Renja {th0 + 1}")
        rec = catatan_terbuka(s, eks.id)
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode))
    masuk(client, nama_pengguna("camat"))
    halaman = buka_halaman(client, "/")
    assert halaman.status_code == 200
    assert {"label": str(th0 + 1), "value": th0 + 1} in _pilihan(halaman, "beranda-tahun")
    triwulan = _pilihan(halaman, "beranda-triwulan")
    assert triwulan[0] == {"label": "Setahun", "value": 0} and len(triwulan) == 5
    r = panggil(client, app, ISI, kecamatan=None, tahun=th0 + 1, triwulan=0)
    teks = teks_jawaban(r)
    assert f"Pekerjaan tahunan {th0 + 1}" in teks and f"Renja {th0 + 1}" in teks
    assert "1 dari" in teks  # one step of the Renja's SOP done
    assert f"Capaian IKU tahun {th0 + 1} (sampai triwulan IV)" in teks
    assert "0 dari 0 langkah" not in teks  # the step done counts for the year
    # a quarter of this year leaves next year's Renja out of its count, as before
    r = panggil(client, app, ISI, kecamatan=None, tahun=th0 + 1, triwulan=1)
    assert "0 dari 0 langkah" in teks_jawaban(r)


def test_setahun_of_this_year_reads_the_capaian_as_far_as_the_year_has_gone(demo, app, client):
    """"Setahun" of the current year: the IKU cards of the last ended quarter, named so; the download follows."""
    from models.umum.periode import ROMAWI, periode_baku

    th0, tw0 = periode_baku()
    masuk(client, nama_pengguna("camat"))
    client.get("/")
    r = panggil(client, app, ISI, kecamatan=None, tahun=th0, triwulan=0)
    teks = teks_jawaban(r)
    assert f"Capaian IKU tahun {th0} (sampai triwulan {ROMAWI[tw0]})" in teks
    r = client.get(f"/unduh/iku-triwulan.csv?tahun={th0}&triwulan=0")
    assert r.status_code == 200
    assert f"Target triwulan {ROMAWI[tw0]}" in r.data.decode("utf-8-sig")


def test_the_kabupaten_filter_of_a_download_is_checked_on_the_server(demo, client):
    with session_scope(demo) as s:
        tjb = s.exec(select(Kabupaten.id).where(Kabupaten.nama == "Tanjung Jabung Barat")).one()
    masuk(client, "kabupaten.malang")
    r = client.get(f"/unduh/beranda-kabupaten.xlsx?tahun=2026&triwulan=2&kabupaten={tjb}")
    assert r.status_code == 403 and b"Muara Papalik" not in r.data
