"""The work timeline of a run done wholly on a Sunday: on the working-time axis every step is 0 minutes long, so
the chart shows the steps on the calendar's hours instead and says plainly that time outside working hours and on
non-working days counts as 0 working minutes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.db import session_scope
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.sop.siklus import CATATAN_WAKTU_KERJA, di_luar_jam_kerja, garis_waktu
from models.tables import SopLangkah
from tests.dash_util import daftar_callback, komponen_jawaban, panggil, teks_jawaban
from tests.fabrik import nama_pengguna, pekerjaan, pengguna

MINGGU = datetime(2026, 11, 29, 1, 0, tzinfo=timezone.utc)  # Sunday 29 November 2026, 08:00 WIB
LURUS = datetime(2026, 11, 30, 1, 0, tzinfo=timezone.utc)  # Monday 30 November 2026, 08:00 WIB
PESAN = ("Pelaksanaan ini seluruhnya berlangsung di luar jam kerja (Minggu, 29 November 2026), sehingga waktu "
         "kerjanya 0 menit. Grafik menunjukkan langkahnya pada jam kalender sejak dimulai.")


def jalankan(s, *, judul: str, tahun: int, mulai: datetime, selang: timedelta = timedelta(minutes=20),
             sop: str = "Penyusunan Rencana Kerja (Renja)", triwulan: int | None = None) -> int:
    """Poncokusumo's Camat starts an SOP (the Renja) at `mulai` and carries every step, one each `selang`."""
    camat = pengguna(s, peran="camat")
    eks = pekerjaan(s, sop=sop, judul=judul, tahun=tahun, triwulan=triwulan, pada=mulai)
    t = mulai
    while (rec := catatan_terbuka(s, eks.id)) is not None:
        t += selang
        if s.get(SopLangkah, rec.langkah_id).keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=camat, pada=t)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=t)
    return eks.id


def test_a_run_on_a_sunday_is_drawn_on_the_calendar_and_says_it_counts_0_working_minutes(demo):
    with session_scope(demo) as s:
        eks_id = jalankan(s, judul="Renja 2028", tahun=2028, mulai=MINGGU)
        df = garis_waktu(s, eks_id)
    assert len(df) == 12 and di_luar_jam_kerja(df)
    assert df["total"].sum() == 0 and df["posisi_selesai"].max() == 0
    assert list(df["kalender_terima"]) == [20.0 * n for n in range(12)]  # the calendar span, step by step
    assert list(df["kalender_selesai"]) == [20.0 * (n + 1) for n in range(12)]


def test_a_run_in_working_hours_keeps_its_working_time_axis(demo):
    with session_scope(demo) as s:
        df = garis_waktu(s, jalankan(s, judul="Renja 2028", tahun=2028, mulai=LURUS))
    assert not di_luar_jam_kerja(df) and df["posisi_selesai"].max() == 240


def test_the_waktu_siklus_timeline_says_so(client, app, demo):
    from tests.conftest import masuk

    with session_scope(demo) as s:
        minggu_id = jalankan(s, judul="Renja 2028", tahun=2028, mulai=MINGGU)
        senin_id = jalankan(s, judul="Renja 2029", tahun=2029, mulai=LURUS)
    masuk(client, nama_pengguna("camat"))
    kunci = next(k for k in daftar_callback(app) if "siklus-garis.children" in k)

    jawab = panggil(client, app, kunci, eksekusi_id=minggu_id)
    teks = teks_jawaban(jawab)
    assert PESAN in teks and CATATAN_WAKTU_KERJA in teks
    grafik = _grafik(jawab.get_json())
    assert grafik["layout"]["xaxis"]["title"]["text"] == "jam kalender sejak dimulai"
    proses = next(d for d in grafik["data"] if d["name"] == "Proses")
    assert len(proses["x"]) == 12 and all(abs(x - 1 / 3) < 1e-9 for x in proses["x"])  # 20 minutes each, in hours

    teks = teks_jawaban(panggil(client, app, kunci, eksekusi_id=senin_id))
    assert PESAN not in teks and CATATAN_WAKTU_KERJA in teks and "jam kerja sejak dimulai" in teks


def _grafik(jawaban) -> dict:
    """The figure of the timeline's graph in a callback's answer."""
    return komponen_jawaban(jawaban["response"], "grafik-garis-waktu")["props"]["figure"]
