"""Perbandingan Kecamatan on a hand-worked quarter of the demo's three Malang offices.

Triwulan I 2025, IKU-1 (Persentase partisipasi delegasi Musrenbangcam, target 90, the quarter's own figure):
- Kalipare 45/50 = 90 % → capaian 90/90 = 100,00 %, made official on the collection obligation's due date;
- Poncokusumo 36/50 = 72 % → 72/90 = 80,00 %, made official the day after it (late);
- Karangploso 27/30 = 90 % → 100,00 %, a draft never submitted.
IKU-2 and IKU-3 have no figures anywhere. Seen on 30 June 2025, after every due date of the quarter's figures.

Capaian: averages over the IKU with a capaian: Kalipare 100, Karangploso 100 (draft), Poncokusumo 80; their median
100, so the differences are 0, 0 and −20 points, and the ranks 1, 1, 3. Official figures: Kalipare after D days,
Poncokusumo after D + 1, where D is the due date's distance from 31 March (read from the SAKIP calendar).
"""
from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta, timezone

import pytest
from python_calamine import CalamineWorkbook
from sqlmodel import select

from models.dasbor.kueri import Saringan
from models.dasbor.laporan import kepala_berkas
from models.dasbor.perbandingan import capaian_peringkat, kepatuhan, lama_pengesahan, posisi_kantor, rekap
from models.db import session_scope
from models.kinerja.iku import tetapkan_target
from models.kinerja.realisasi import Isian, simpan_draf
from models.perencanaan.kalender_sakip import PENGUMPULAN, kewajiban_kantor
from models.tables import Indikator, Kecamatan, Realisasi, User
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, teks_jawaban

HARI_INI = date(2025, 6, 30)
ANGKA = {"Kalipare": ("45", "50", 0), "Poncokusumo": ("36", "50", 1), "Karangploso": ("27", "30", None)}


@pytest.fixture
def kuartal(demo):
    """The fixture of the module docstring; returns (office ids by name, IKU-1's id, the due date)."""
    with session_scope(demo) as s:
        kantor = {k.nama: k.id for k in s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == 1))}
        ind = {i.kode: i.id for i in s.exec(select(Indikator).where(Indikator.kabupaten_id == 1))}
        evapor = {n: s.exec(select(User).where(User.username == f"evapor.{n.lower()}")).first() for n in kantor}
        admin = s.exec(select(User).where(User.username == "admin")).one()
        tenggat = next(w.tenggat for w in kewajiban_kantor(s, kantor["Kalipare"], tahun=2025, hari_ini=HARI_INI)
                       if w.jadwal.kewajiban == PENGUMPULAN and w.triwulan == 1)
        for nama, (p, q, telat) in ANGKA.items():
            k = kantor[nama]
            for kode in ("IKU-1", "IKU-2", "IKU-3"):
                tetapkan_target(s, indikator_id=ind[kode], kecamatan_id=k, tahun=2025, nilai=90, oleh=admin,
                                alasan="uji")
            r = simpan_draf(s, kecamatan_id=k, tahun=2025, triwulan=1, oleh=evapor[nama] or admin,
                            isian=Isian(ind["IKU-1"], p, q, None, [], None), hari_ini=HARI_INI)
            if telat is not None:  # made official through its SOP (the state it leaves a figure in)
                rec = s.get(Realisasi, r.id)
                rec.status = "resmi"
                rec.disahkan_pada = datetime.combine(tenggat + timedelta(days=telat), time(9),
                                                     tzinfo=timezone(timedelta(hours=7)))
    return kantor, ind["IKU-1"], tenggat


def _sar(kantor) -> Saringan:
    return Saringan(kecamatan_ids=sorted(kantor.values()), kecamatan_id=None, tahun=2025, triwulan=1)


def test_kepatuhan_tells_each_figure_s_state_and_counts_what_is_in_trouble(demo, kuartal):
    from models.umum.tanggal import tanggal_panjang

    kantor, _, tenggat = kuartal
    with session_scope(demo) as s:
        tabel, sel = kepatuhan(s, _sar(kantor), hari_ini=HARI_INI)
    baris = {r["kecamatan"]: r for r in tabel.data.to_dict("records")}
    assert baris["Kalipare"]["IKU-1"] == f"Resmi {tanggal_panjang(tenggat)}"
    assert baris["Poncokusumo"]["IKU-1"] == f"Resmi {tanggal_panjang(tenggat + timedelta(days=1))}, terlambat"
    assert baris["Karangploso"]["IKU-1"] == "Draf, lewat tenggat"
    assert {baris[n]["IKU-2"] for n in kantor} == {"Belum diisi, lewat tenggat"}
    for nama, k in kantor.items():  # each office's count is its cells in trouble
        kolom = [x.kunci for x in tabel.kolom[1:-1]]
        assert baris[nama]["bermasalah"] == sum(sel[(k, x)].bermasalah for x in kolom if (k, x) in sel)
    urut = [r["kecamatan"] for r in tabel.data.to_dict("records")]
    assert urut[-1] == "Jumlah bermasalah"
    assert [baris[n]["bermasalah"] for n in urut[:-1]] == sorted((baris[n]["bermasalah"] for n in urut[:-1]),
                                                                reverse=True)
    assert baris["Jumlah bermasalah"]["IKU-1"] == "2"  # Poncokusumo late, Karangploso a draft past the due date
    # The semester's SOP monitoring: nothing assessed yet, and 30 June is still inside semester I.
    import re

    assert all(re.fullmatch(r"0 dari [1-9]\d* SOP dipantau", baris[n]["monitoring_sop"]) for n in kantor)
    assert "Monitoring SOP semester I" in [k.nama for k in tabel.kolom]
    assert baris["Jumlah bermasalah"]["IKU-3"] == "3"


def test_capaian_ranks_each_office_against_the_median(demo, kuartal):
    kantor, _, _ = kuartal
    with session_scope(demo) as s:
        t = capaian_peringkat(s, _sar(kantor))
    hasil = {r["kecamatan"]: (round(r["capaian_IKU-1"], 2), r["keadaan_IKU-1"], r["rata"], r["peringkat"],
                              r["selisih_median"]) for r in t.data.to_dict("records")}
    assert hasil == {"Kalipare": (100.0, "Resmi", 100.0, 1.0, 0.0),
                     "Karangploso": (100.0, "Draf, belum diajukan", 100.0, 1.0, 0.0),
                     "Poncokusumo": (80.0, "Resmi", 80.0, 3.0, -20.0)}


def test_approval_lead_time_counts_days_from_the_quarter_s_end(demo, kuartal):
    kantor, _, tenggat = kuartal
    d = (tenggat - date(2025, 3, 31)).days
    with session_scope(demo) as s:
        t = lama_pengesahan(s, _sar(kantor))
    kosong = lambda v: None if v != v else v  # noqa: E731  (NaN: no official figure to measure)
    hasil = {r["kecamatan"]: (r["resmi"], r["belum"], kosong(r["median"]), kosong(r["terlama"]))
             for r in t.data.to_dict("records")}
    assert hasil == {"Kalipare": (1, 2, d, d), "Poncokusumo": (1, 2, d + 1, d + 1),
                     "Karangploso": (0, 3, None, None)}


def test_an_office_sees_itself_against_the_median_without_the_others_names(demo, kuartal, client, app):
    kantor, _, _ = kuartal
    with session_scope(demo) as s:
        t = posisi_kantor(s, Saringan(kecamatan_ids=[kantor["Poncokusumo"]], kecamatan_id=kantor["Poncokusumo"],
                                      tahun=2025, triwulan=1))
    iku1 = next(r for r in t.data.to_dict("records") if r["nama"].startswith("IKU-1"))
    assert (iku1["kantor"], iku1["median"], iku1["selisih"], iku1["peringkat"]) == (80.0, 100.0, -20.0, "3 dari 3")
    masuk(client, "camat.poncokusumo")
    client.get("/_dash-layout")
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.perbandingan.tampil")
    teks = teks_jawaban(panggil(client, app, kunci, kecamatan=None, tahun=2025, triwulan=1))
    assert "Kecamatan Poncokusumo dibandingkan dengan median kabupaten" in teks
    assert "Kalipare" not in teks and "Karangploso" not in teks
    r = panggil(client, app, kunci, kecamatan="Kalipare", tahun=2025, triwulan=1)  # another office, named
    assert r.status_code == 403


def test_the_recap_holds_the_screen_s_tables_one_sheet_each(demo, kuartal, client):
    kantor, _, _ = kuartal
    masuk(client, "kabupaten.malang")
    r = client.get("/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=1")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    wb = CalamineWorkbook.from_filelike(io.BytesIO(r.data))
    assert wb.sheet_names == ["Kepatuhan", "Capaian", "Proses SOP", "Pengesahan", "Tindak lanjut"]
    with session_scope(demo) as s:
        tabel = rekap(s, _sar(kantor))
    for nama, t in zip(wb.sheet_names, tabel):
        baris = wb.get_sheet_by_name(nama).to_python()
        assert baris[0] == [kepala_berkas(k) for k in t.kolom]
        assert len(baris) - 1 == len(t.data)
    capaian = wb.get_sheet_by_name("Capaian").to_python()
    kepala = capaian[0]
    ponco = next(b for b in capaian[1:] if b[0] == "Poncokusumo")
    assert ponco[kepala.index("IKU-1 capaian (%)")] == 80.0 and ponco[kepala.index("Peringkat")] == 3.0
    # An office user's recap holds its own office only.
    keluar(client)
    masuk(client, "camat.kalipare")
    wb = CalamineWorkbook.from_filelike(io.BytesIO(client.get("/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=1")
                                                   .data))
    kecamatan = {b[0] for b in wb.get_sheet_by_name("Capaian").to_python()[1:]}
    assert kecamatan == {"Kalipare"}


def test_the_pdf_recap_has_the_kabupaten_s_heading_the_period_and_the_numbers(demo, kuartal, client):
    from pypdf import PdfReader

    from models.umum.periode import atur_hari_ini

    masuk(client, "kabupaten.malang")
    atur_hari_ini(HARI_INI)
    try:
        r = client.get("/unduh/perbandingan-rekap.pdf?tahun=2025&triwulan=1")
    finally:
        atur_hari_ini(None)
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    assert "PEMERINTAH KABUPATEN MALANG" in teks and "REKAP PERBANDINGAN KECAMATAN" in teks
    assert "Periode: triwulan I 2025 · dicetak 30 Juni 2025" in teks
    assert "Kewajiban bermasalah per kecamatan" in teks
    assert "80,00%" in teks and "-20" in teks  # Poncokusumo's capaian and its distance from the median
    assert "Draf, lewat tenggat" in teks


def test_each_office_s_trend_covers_the_eight_quarters_up_to_the_chosen_one(demo, kuartal):
    from models.dasbor.perbandingan import tren_kantor

    kantor, _, _ = kuartal
    with session_scope(demo) as s:
        tren = tren_kantor(s, _sar(kantor))
        tabel = capaian_peringkat(s, _sar(kantor), tren=tren)
    ponco = tren[kantor["Poncokusumo"]]
    assert [p for p, _ in ponco] == ["II/2023", "III/2023", "IV/2023", "I/2024", "II/2024", "III/2024", "IV/2024",
                                     "I/2025"]
    assert ponco[-1] == ("I/2025", 80.0)  # the quarter of the fixture, as the capaian column
    baris = {r["kecamatan"]: r["tren"] for r in tabel.data.to_dict("records")}
    assert len(baris["Poncokusumo"]) == 8 and baris["Poncokusumo"].endswith(("▁", "▄", "█"))


def test_the_admin_compares_offices_within_each_kabupaten(demo, kuartal, client, app):
    """IKU codes and calendars are each kabupaten's own: the admin's view is drawn per kabupaten, and the recap of
    one kabupaten holds its offices only."""
    masuk(client, "admin")
    client.get("/_dash-layout")
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.perbandingan.tampil")
    teks = teks_jawaban(panggil(client, app, kunci, kecamatan=None, tahun=2025, triwulan=1))
    assert "Kabupaten Malang" in teks and "Kabupaten Tanjung Jabung Barat" in teks
    with session_scope(demo) as s:
        tjb = s.exec(select(Kecamatan.kabupaten_id).where(Kecamatan.nama == "Muara Papalik")).one()
    r = client.get(f"/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=1&kabupaten={tjb}")
    kantor = {b[0] for b in CalamineWorkbook.from_filelike(io.BytesIO(r.data)).get_sheet_by_name("Capaian")
              .to_python()[1:]}
    assert kantor == {"Muara Papalik"}
    keluar(client)
    masuk(client, "kabupaten.malang")  # another kabupaten named in the address is outside the scope
    assert client.get(f"/unduh/perbandingan-rekap.xlsx?tahun=2025&triwulan=1&kabupaten={tjb}").status_code == 403
