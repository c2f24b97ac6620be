"""The dashboards' numbers against values worked out by hand on a small fixture.

Poncokusumo, IKU-2 (Adminduk, kumulatif ratio), 2024, target 95. Its collection SOP has six steps with mutu baku
60, 15, 60, 15, 15 (Sekcam then Camat) and 5 minutes. All times are WIB in office hours (Mon–Fri 08:00–16:00).

Q1, entered Mon 15 Jul 2024 08:00, 90 of 100:
  step 1 08:00–09:00 (60) · step 2 09:00–09:00 (0) · step 3 received 09:00, started 10:00, approved 11:30
  (150: waiting 60, processing 90) · step 4 11:30–11:45 (15) · step 5 Sekcam 11:45–15:45 (240), Camat
  15:45–Tue 08:30 (15 + 30 = 45), so the visit took 285 · step 6 08:30–08:35 (5). Official.
Q2, entered Tue 16 Jul 09:00, 95 of 100, submitted 09:30:
  step 1 (30) · step 2 (0) · step 3 returned 10:30 (60) · step 1 again 10:30–11:00 (30) · step 2 again (0) ·
  step 3 open since 11:00. Provisional.
"""
from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.dasbor.kueri import antrian_terbuka, baca_saringan, kartu_iku, per_peran, seri_capaian
from models.db import session_scope
from models.kinerja.realisasi import Isian, ajukan, simpan_draf
from models.sop.alur import catatan_terbuka, mulai_kerjakan, putuskan, selesaikan
from models.sop.siklus import analisis, dalam_baku_per_kantor
from models.tables import Realisasi
from tests.conftest import masuk
from tests.dash_util import panggil
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna

WIB = ZoneInfo("Asia/Jakarta")
TAHUN = 2024


def t(hari: int, jam: int, menit: int = 0) -> datetime:
    return datetime(2024, 7, hari, jam, menit, tzinfo=WIB)


def _terbuka(s, eks_id):
    return catatan_terbuka(s, eks_id)


@pytest.fixture
def kasus(demo):
    """The fixture above, written through the domain functions; returns (engine, ids)."""
    with session_scope(demo) as s:
        kec = kantor(s)
        ind = indikator(s, kode="IKU-2", target={TAHUN: 95})  # set by the Kasubag Evapor
        kasipem, evapor, sekcam, camat = (pengguna(s, peran=p)
                                          for p in ("kasi_pem", "kasubag_evapor", "sekcam", "camat"))
        # Q1
        r1 = simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=1, isian=Isian(ind.id, "90", "100"),
                         oleh=kasipem, pada=t(15, 8), hari_ini=date(2024, 7, 15))
        eks1 = ajukan(s, realisasi_id=r1.id, oleh=kasipem, pada=t(15, 9))
        rec = _terbuka(s, eks1.id)
        mulai_kerjakan(s, catatan_id=rec.id, oleh=evapor, pada=t(15, 10))
        putuskan(s, catatan_id=rec.id, setuju=True, oleh=evapor, pada=t(15, 11, 30))
        selesaikan(s, catatan_id=_terbuka(s, eks1.id).id, oleh=evapor, pada=t(15, 11, 45))
        putuskan(s, catatan_id=_terbuka(s, eks1.id).id, setuju=True, oleh=sekcam, pada=t(15, 15, 45))
        putuskan(s, catatan_id=_terbuka(s, eks1.id).id, setuju=True, oleh=camat, pada=t(16, 8, 30))
        selesaikan(s, catatan_id=_terbuka(s, eks1.id).id, oleh=evapor, pada=t(16, 8, 35))
        # Q2
        r2 = simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=2, isian=Isian(ind.id, "95", "100"),
                         oleh=kasipem, pada=t(16, 9), hari_ini=date(2024, 7, 16))
        eks2 = ajukan(s, realisasi_id=r2.id, oleh=kasipem, pada=t(16, 9, 30))
        putuskan(s, catatan_id=_terbuka(s, eks2.id).id, setuju=False, alasan="Register belum lengkap",
                 oleh=evapor, pada=t(16, 10, 30))
        r2 = s.get(Realisasi, r2.id)
        simpan_draf(s, kecamatan_id=kec.id, tahun=TAHUN, triwulan=2, oleh=kasipem, pada=t(16, 11),
                    isian=Isian(ind.id, "95", "100", versi=r2.versi), hari_ini=date(2024, 7, 16))
        ajukan(s, realisasi_id=r2.id, oleh=kasipem, pada=t(16, 11))
        from models.tables import Sop, SopRevisi

        kunci = s.exec(select(Sop.kunci).join(SopRevisi, SopRevisi.sop_id == Sop.id)
                       .where(SopRevisi.id == eks1.revisi_id)).one()
        assert s.get(Realisasi, r1.id).status == "resmi" and s.get(Realisasi, r2.id).status == "diajukan"
        return demo, {"kec": kec.id, "ind": ind.id, "kunci": kunci, "eks1": eks1.id, "eks2": eks2.id}


def test_capaian_cards_series_and_projection(kasus):
    engine, k = kasus
    with session_scope(engine) as s:
        kartu = {x.indikator.kode: x for x in kartu_iku(s, kecamatan_id=k["kec"], tahun=TAHUN, triwulan=2)}["IKU-2"]
        # Q2 provisional: (90 + 95) / (100 + 100) = 92,5 % of 95 → 97,368…; Q1 official: 90 / 95 → 94,736…
        assert round(kartu.persen, 2) == 97.37 and kartu.resmi is False
        assert round(kartu.sebelumnya, 2) == 94.74 and kartu.selisih == 2.63
        assert kartu.predikat.nama == "Sangat Baik" and kartu.target == 95
        q1 = {x.indikator.kode: x for x in kartu_iku(s, kecamatan_id=k["kec"], tahun=TAHUN, triwulan=1)}["IKU-2"]
        assert q1.resmi is True and round(q1.persen, 2) == 94.74
        assert q1.sebelumnya is None and q1.selisih is None  # no figure for Q4 2023
        df, proyeksi = seri_capaian(s, kecamatan_id=k["kec"], tahun_awal=TAHUN, tahun_akhir=TAHUN,
                                    indikator_id=k["ind"])
        assert list(df["triwulan"]) == [1, 2, 3, 4]
        assert round(df["capaian_resmi"][0], 2) == 94.74 and pd.isna(df["capaian_resmi"][1])
        assert round(df["capaian_sementara"][1], 2) == 97.37 and df["realisasi_gabungan"][1] == 92.5
        assert df["status"].tolist()[:2] == ["resmi", "diajukan"]
        assert proyeksi == {}  # the year has ended: no projection, its own figures are there
        # As the page shows it when the second quarter is chosen in July of that year: the quarters up to it and
        # the run rate of Q1–Q2 (92,5 %) held for the year: 92,5 / 95.
        df, proyeksi = seri_capaian(s, kecamatan_id=k["kec"], tahun_awal=TAHUN, tahun_akhir=TAHUN,
                                    indikator_id=k["ind"], sampai_triwulan=2, hari_ini=date(TAHUN, 7, 15))
        assert list(df["triwulan"]) == [1, 2]
        assert round(proyeksi[k["ind"]][1], 2) == 97.37
        # As of the first quarter, only Q1's 90 %: 90 / 95.
        _df, proyeksi = seri_capaian(s, kecamatan_id=k["kec"], tahun_awal=TAHUN, tahun_akhir=TAHUN,
                                     indikator_id=k["ind"], sampai_triwulan=1, hari_ini=date(TAHUN, 4, 15))
        assert round(proyeksi[k["ind"]][1], 2) == 94.74


def test_cycle_time_per_step_against_mutu_baku(kasus):
    engine, k = kasus
    with session_scope(engine) as s:
        a = analisis(s, kecamatan_ids=[k["kec"]], sop_kunci=k["kunci"], tahun=TAHUN)
        per = {x.no: x for x in a.langkah}
        assert [per[n].mutu_baku for n in "123456"] == [60, 15, 60, 15, 15, 5]
        # step 1: visits 60, 30, 30 → median 30, p80 = 30 + 0,6 × 30 = 48; all within 60; one rework
        assert (per["1"].n, per["1"].median, per["1"].p80, per["1"].dalam_baku, per["1"].rework) == (3, 30, 48, 1, 1)
        # step 3: finished visits 150 (waited 60) and 60 → median 105, p80 132, half within; waiting median 30
        assert (per["3"].n, per["3"].median, per["3"].p80, per["3"].dalam_baku) == (2, 105, 132, 0.5)
        assert (per["3"].tunggu, per["3"].proses, per["3"].rework) == (30, 75, 1)
        # step 5: Sekcam 240 + Camat 45 (across the evening) = 285, 270 over its 15 → the bottleneck
        assert (per["5"].n, per["5"].median, per["5"].dalam_baku) == (1, 285, 0)
        assert [x.no for x in a.langkah if x.hambatan] == ["5"]
        assert (per["4"].median, per["6"].median, per["2"].median) == (15, 5, 0)
        assert a.penyimpangan == []
        assert dalam_baku_per_kantor(s, kecamatan_ids=[k["kec"]], tahun=TAHUN, triwulan=1)[k["kec"]] == (4, 6)
        assert dalam_baku_per_kantor(s, kecamatan_ids=[k["kec"]], tahun=TAHUN, triwulan=2)[k["kec"]] == (5, 5)


def test_open_steps_per_role_with_age_in_working_time(kasus):
    engine, k = kasus
    with session_scope(engine) as s:
        df = antrian_terbuka(s, kecamatan_ids=[k["kec"]], sekarang=t(17, 9))
        assert len(df) == 1
        r = df.iloc[0]
        # received Tue 11:00: 300 minutes that day and 60 on Wednesday morning, against 60
        assert (r["role_kode"], r["langkah"], r["umur"], r["mutu_baku"], bool(r["terlambat"])) == (
            "kasubag_evapor", "3", 360, 60, True)
        p = per_peran(df)
        assert p[["role_kode", "persetujuan", "langkah_lain", "terlambat", "jumlah"]].to_dict("records") == [
            {"role_kode": "kasubag_evapor", "persetujuan": 1, "langkah_lain": 0, "terlambat": 1, "jumlah": 1}]


def test_filter_refuses_an_office_out_of_scope(kasus):
    from models.akun.akses import AksesDitolak

    engine, k = kasus
    with session_scope(engine) as s:
        kalipare = kantor(s, nama="Kalipare").id
        with pytest.raises(AksesDitolak):
            baca_saringan(s, lingkup=[kalipare], args={"kecamatan": "Poncokusumo"}, kantor_sendiri=None)
        sar = baca_saringan(s, lingkup=None, args={"kecamatan": "Poncokusumo", "tahun": "2024", "triwulan": "9"},
                            kantor_sendiri=None, hari_ini=date(2026, 11, 21))
        assert (sar.kecamatan_ids, sar.tahun, sar.triwulan) == ([k["kec"]], 2024, 4)
        sendiri = baca_saringan(s, lingkup=[kalipare], args={"kecamatan": "Poncokusumo"}, kantor_sendiri=kalipare)
        assert sendiri.kecamatan_ids == [kalipare]


def test_pages_show_the_hand_computed_values(kasus, app, client):
    engine, k = kasus
    masuk(client, nama_pengguna("camat"))
    client.get("/")
    r = panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=TAHUN, triwulan=2)
    teks = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "97,37%" in teks and "Dalam proses SOP" in teks and "2,63 poin" in teks
    r = panggil(client, app, "..siklus-isi.children...siklus-eksekusi.options...siklus-eksekusi.value..",
                kecamatan=None, tahun=TAHUN, triwulan=0, sop=k["kunci"])
    teks = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "1 jam 45 menit" in teks  # step 3's median, 105 working minutes
    assert "4 jam 45 menit" in teks  # step 5's visit, 285
    assert "Langkah 5" in teks  # the bottleneck


def test_downloads_hold_the_page_values(kasus, app, client):
    engine, k = kasus
    masuk(client, "kabupaten.malang")
    r = client.get(f"/unduh/seri-capaian.xlsx?kecamatan=Poncokusumo&tahun={TAHUN}&indikator={k['ind']}")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    kepala = [c.value for c in ws[1]]
    assert kepala[:4] == ["Kode", "Indikator", "Periode", "Target"]
    baris = {row[2]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    q1, q2 = baris["Triwulan I 2024"], baris["Triwulan II 2024"]
    assert q1[kepala.index("Capaian resmi (%)")] == 94.74
    assert q2[kepala.index("Capaian sementara (%)")] == 97.37 and q2[kepala.index("Capaian resmi (%)")] is None
    r = client.get(f"/unduh/seri-capaian.csv?kecamatan=Poncokusumo&tahun={TAHUN}&indikator={k['ind']}")
    teks = r.data.decode("utf-8-sig")
    assert "Triwulan II 2024" in teks and ';"97,37";' in teks
    r = client.get(f"/unduh/seri-capaian.csv?kecamatan=Muara Papalik&tahun={TAHUN}")
    assert r.status_code == 403 and "Muara Papalik" not in r.get_data(as_text=True)
