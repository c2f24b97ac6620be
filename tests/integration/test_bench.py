"""The bench (tests/bench/bench_dasbor.py) in a shortened form: a small history with synthetic offices, each call
a few times, both databases. The full run is `make bench`."""
from __future__ import annotations

import re
from datetime import date

from seed.riwayat import buat_riwayat
from seed.sintetis import buat_sintetis
from tests.bench.bench_dasbor import Ukuran, gabung, laporan, rencana, ukur


def test_every_call_is_measured_compared_across_scales_and_its_slowest_statement_explained(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    buat_riwayat(engine, kecamatan=4, tahun=1, seed=1, hari_ini=date(2026, 11, 21))
    kecil = ukur(url, ulang=2)
    # Every registered callback is accounted for: measured here, measured under load (the writes), or named.
    cakupan = re.search(r"Callback terdaftar: (\d+); diukur di sini: (\d+); menulis, diukur oleh make load: 3; "
                        r"tidak diukur: (\d+) \((.*)\)", capsys.readouterr().out)
    terdaftar, di_sini, tidak = (int(cakupan.group(i)) for i in (1, 2, 3))
    assert terdaftar == di_sini + 3 + tidak and di_sini == 26
    for diukur in ("monitoring_sop.tampil", "katalog", "persetujuan.isi", "persetujuan.daftar",
                   "perjanjian_kinerja.tampil", "laporan_kinerja.tampil", "anggaran.tampil", "evaluasi_akip.tampilkan", "unggah_sop.tampil"):
        assert f"callbacks.{diukur}," not in cakupan.group(4) + ",", diukur
    buat_sintetis(engine, jumlah=3, per_kabupaten=3)
    besar = ukur(url, ulang=2)

    # 12 calls for each of the three views of the dashboards (Persetujuan's two: its summary and its queue's first
    # page), 9 single calls, the yearly documents' 4 pages for two views and 2 single calls, the LKj's two files (the
    # one-year history has no LHE yet), the admin's 10 views and 17 pages.
    assert len(kecil) == len(besar) == 3 * 12 + 9 + 4 * 2 + 2 + 2 + 10 + 17
    assert {k[0] for k in kecil if k[0].startswith("Berkas")} == {"Berkas LKJ .docx", "Berkas LKJ .pdf"}
    assert {k[1] for k in kecil} == {"camat.poncokusumo", "kabupaten.malang (semua)", "kabupaten.malang (Poncokusumo)",
                                     "evapor.poncokusumo", "admin (semua)"}
    for u in besar.values():
        assert 0 < u.p50 <= u.p95
        assert u.jumlah_kueri == 0 or u.kueri[1].lstrip().upper().startswith("SELECT")
        assert u.batas == (3000.0 if u.label.startswith("Berkas") else 1500.0 if u.siapa.startswith("admin")
                           else 100.0), (u.label, u.siapa)
        assert u.jawaban > 0
    tabel, _ = laporan([("kecil", url, kecil), ("besar", url, besar)])
    baris = tabel.splitlines()
    assert "tumbuh" in baris[0] and len(baris) == 2 + len(kecil)
    assert all(b.rstrip().endswith("×") for b in baris[2:])
    terlambat = max(besar.values(), key=lambda u: u.p95)
    plan = rencana(url, terlambat)
    assert ("Execution Time" in plan) if url.startswith("postgresql") else ("SCAN" in plan or "SEARCH" in plan)


def test_three_runs_are_held_to_the_median_of_their_p95_and_each_run_is_shown():
    def run(p50: float, p95: float, kb: int) -> dict:
        return {("Perbandingan: kepatuhan", "kabupaten.malang (semua)"): Ukuran(
            "Perbandingan: kepatuhan", "kabupaten.malang (semua)", p50, p95, 3.0, 10, 100.0, jawaban=kb)}

    satu = gabung([run(40, 90, 5_000), run(70, 140, 7_000), run(50, 95, 6_000)])
    u = satu[("Perbandingan: kepatuhan", "kabupaten.malang (semua)")]
    assert (u.p50, u.p95, u.p95_putaran, u.jawaban) == (50, 95, (90, 140, 95), 7_000)
    tabel, gagal = laporan([("SQLite 33 kec", "", satu)])
    assert "│ 50 / 95 [90, 140, 95] / 3.0 / 7" in tabel and gagal == []  # one slow run of three is not a failure

    dua = gabung([run(40, 90, 5_000), run(70, 140, 7_000), run(60, 120, 6_000)])
    assert laporan([("SQLite 33 kec", "", dua)])[1] == [
        "SQLite 33 kec: Perbandingan: kepatuhan kabupaten.malang (semua): p95 120 ms > 100 ms"]
