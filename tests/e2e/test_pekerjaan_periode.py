"""In Chromium, what a person sees when work is already done or too early: Pekerjaan SOP says before the click that
Renja 2026 already ended (naming it and its date) and that a quarter's Pengukuran Kinerja waits for the quarter's
end, refuses the click, and starts the redo once "Kerjakan ulang" is ticked; Persetujuan names the figures still in
draft and writes no Pengukuran table from them; Waktu Siklus draws a run done on a Sunday on the calendar's hours and
says that time outside working hours counts as 0 working minutes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from models.db import session_scope
from models.sop.alur import catatan_terbuka
from models.tables import CatatanLangkah, Eksekusi, Lampiran, Sop
from models.umum.periode import hari_ini
from tests.e2e.conftest import masuk_sebagai
from tests.fabrik import nama_pengguna, pekerjaan, pengguna, realisasi, tuntaskan
from tests.integration.test_garis_waktu_libur import MINGGU, PESAN, jalankan
from tests.integration.test_pekerjaan_periode import PESAN_SELESAI, SELESAI_RENJA

RENJA = "Penyusunan Rencana Kerja (Renja)"
CATATAN = ("Waktu di luar jam kerja kantor dan pada hari tidak kerja (akhir pekan, hari libur nasional, cuti bersama) "
           "dihitung 0 menit kerja.")


def _pilih(pg, sop: str, tahun: int, triwulan: str) -> None:
    pg.locator("#pekerjaan-sop").click()
    pg.get_by_role("option", name=sop, exact=True).click()
    pg.fill("#pekerjaan-tahun", str(tahun))
    pg.locator("#pekerjaan-triwulan").click()
    pg.get_by_role("option", name=triwulan, exact=True).click()


def test_pekerjaan_says_renja_2026_ended_and_the_quarter_has_not(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:
        eks = pekerjaan(s, sop=RENJA, judul="Renja 2026", tahun=2026, pada=SELESAI_RENJA - timedelta(days=1))
        tuntaskan(s, eksekusi=eks, oleh=pengguna(s, peran="camat"), pada=SELESAI_RENJA)
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/pekerjaan")

    # Before the click: the quarter not yet over (the fourth quarter of this year never is).
    tahun = hari_ini().year
    _pilih(pg, "Pengukuran Kinerja", tahun, "Triwulan IV")
    dini = (f"Pengukuran Kinerja triwulan IV {tahun} baru dapat dimulai setelah triwulan itu berakhir pada "
            f"31 Desember {tahun}, yaitu mulai 1 Januari {tahun + 1}.")
    pg.wait_for_selector(f"#pekerjaan-catatan .alert >> text={dini}")
    pg.fill("#pekerjaan-judul", f"Pengukuran Kinerja triwulan IV {tahun}")
    pg.click("#pekerjaan-mulai")
    pg.wait_for_selector("#pekerjaan-pesan .alert")
    assert pg.inner_text("#pekerjaan-pesan") == dini

    # Renja 2026 already ended: said with its title and date, the redo box shown unticked.
    _pilih(pg, RENJA, 2026, "Tahunan")
    pg.wait_for_selector("#pekerjaan-catatan .alert >> text=sudah selesai")
    assert pg.inner_text("#pekerjaan-catatan") == PESAN_SELESAI
    assert pg.is_visible("#pekerjaan-ulang") and not pg.is_checked("#pekerjaan-ulang")
    pg.fill("#pekerjaan-judul", "Renja 2026 lagi")
    pg.click("#pekerjaan-mulai")
    pg.wait_for_selector("#pekerjaan-pesan >> text=sudah selesai")
    assert pg.inner_text("#pekerjaan-pesan") == PESAN_SELESAI
    with session_scope(e2e_engine) as s:
        assert s.exec(select(Eksekusi).where(Eksekusi.judul == "Renja 2026 lagi")).all() == []

    pg.check("#pekerjaan-ulang")
    pg.fill("#pekerjaan-judul", "Renja Perubahan 2026")
    pg.click("#pekerjaan-mulai")
    pg.wait_for_selector("#pekerjaan-pesan .alert-success")
    assert pg.inner_text("#pekerjaan-pesan") == \
        '"Renja Perubahan 2026" dimulai; langkah pertamanya menunggu di Persetujuan.'
    assert "Renja Perubahan 2026" in pg.inner_text("#pekerjaan-daftar")


def test_persetujuan_names_the_drafts_and_writes_no_pengukuran_table_from_them(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:
        realisasi(s, indikator="IKU-2", tahun=2025, triwulan=4)  # entered, never submitted
        eks = pekerjaan(s, sop="Pengukuran Kinerja", tahun=2025, triwulan=4,
                        pada=datetime(2026, 1, 12, 2, tzinfo=timezone.utc))
        rec = catatan_terbuka(s, eks.id)
        judul, rec_id, siapa = eks.judul, rec.id, nama_pengguna(rec.role_kode)
    # The message names every figure of the quarter not yet submitted: IKU-2 here, and any another test of the
    # shared database left returned or reopened.
    awal, akhir = ("Tabel Pengukuran Kinerja Triwulan IV 2025 belum dapat dibuat: angka ",
                   " belum diajukan. Ajukan angkanya di Isi Realisasi lebih dulu; tabel resmi tidak dibuat dari draf.")
    pg = page
    masuk_sebagai(pg, server_url, siapa)
    pg.goto(server_url + "/persetujuan")
    pg.locator(".daftar-tugas label", has_text=f"{judul} · langkah 1 · diterima").first.click()
    pg.wait_for_selector("#tugas-dokumen-draf")
    pesan = pg.inner_text("#tugas-dokumen-draf")  # said before the click
    assert pesan.startswith(awal) and pesan.endswith(akhir) and "IKU-2 (Draf)" in pesan, pesan
    pg.click("#tugas-dokumen")
    pg.wait_for_selector("#tugas-pesan .alert")
    assert pg.inner_text("#tugas-pesan") == pesan
    with session_scope(e2e_engine) as s:
        assert s.exec(select(Lampiran).where(Lampiran.pemilik_id == rec_id)
                      .where(Lampiran.pemilik_jenis == "catatan_langkah")).all() == []


def test_a_sunday_runs_timeline_shows_its_steps_and_says_it_counts_0_working_minutes(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:  # the third quarter's Pemantauan Kinerja, done on Sunday 29 November 2026
        eks_id = jalankan(s, judul="Pemantauan Kinerja triwulan III 2026 (Minggu)", tahun=2026, triwulan=3,
                          mulai=MINGGU, sop="Pemantauan Kinerja")
        kunci = s.exec(select(Sop.kunci).where(Sop.nama == "Pemantauan Kinerja")).first()
        langkah = len(s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)).all())
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(f"{server_url}/siklus?tahun=2026&triwulan=3&sop={kunci}")
    pg.wait_for_selector("#grafik-garis-waktu .main-svg", timeout=20000)
    assert pg.inner_text("#garis-waktu-luar") == PESAN
    assert pg.inner_text("#garis-waktu-catatan") == CATATAN
    assert "jam kalender sejak dimulai" in pg.inner_text("#grafik-garis-waktu")
    # Every step drawn, each a bar of some width (not the empty chart of 0-minute bars).
    lebar = pg.locator("#grafik-garis-waktu .barlayer .trace").nth(1).locator("path").evaluate_all(
        "ps => ps.map(p => p.getBBox().width)")
    assert len(lebar) == langkah > 1 and min(lebar) > 5
