"""In Chromium: the Inspektorat's evaluator answers the last criterion of Poncokusumo's LKE 2024 (every other answer as
in tests/lke_contoh.py), sees the scores of the hand-worked LKE, finalises, and the office reads the evaluator's
answer and the final score. Screenshots of the page at 1280 px and 390x844 for the office, the Camat, the evaluator
and the kabupaten (E2E_TANGKAPAN=<folder> keeps them)."""
from __future__ import annotations

import os
from pathlib import Path

from models.db import session_scope
from models.tables import EvaluasiAkip
from models.tindak_lanjut import evaluasi_akip as ea
from tests import lke_contoh
from tests.e2e.conftest import masuk_sebagai, tunggu_js
from tests.fabrik import pengguna

TAHUN = 2024
ALAMAT = f"/evaluasi-akip?kecamatan=Poncokusumo&tahun={TAHUN}"


def _id(jenis: str, kode: str) -> str:
    return f"""[id='{{"index":"{kode}","type":"{jenis}"}}']"""


def _siapkan(engine) -> int:
    """Poncokusumo's self-assessment sent, and the evaluator's column answered but for 1.1.1."""
    with session_scope(engine) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        evaluator = pengguna(s, peran="evaluator", kabupaten="Malang")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor)
        for kode, (m, _e) in lke_contoh.JAWABAN.items():
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=m, catatan=f"Catatan kantor {kode}", oleh=evapor)
        ea.kirim(s, evaluasi_id=ev.id, oleh=evapor)
        for kode, (_m, e) in lke_contoh.JAWABAN.items():
            if kode != "1.1.1":
                ea.jawab_evaluator(s, evaluasi_id=ev.id, kode=kode, jawaban=e, catatan=None, oleh=evaluator)
        return ev.id


def _tabel_nilai(pg) -> list[list[str]]:
    return pg.eval_on_selector("#akip-tabel-nilai", "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText))")


def _foto(pg, server_url: str, username: str, folder: Path) -> None:
    masuk_sebagai(pg, server_url, username)
    for lebar, tinggi in ((1280, 900), (390, 844)):
        pg.set_viewport_size({"width": lebar, "height": tinggi})
        pg.goto(server_url + ALAMAT)
        pg.locator("#akip-isi .kriteria").first.wait_for()
        pg.locator("#akip-tabel-nilai").wait_for()
        pg.wait_for_load_state("networkidle")
        pg.screenshot(path=str(folder / f"evaluasi-akip-{username}-{lebar}.png"))
        pg.locator("#akip-nilai").scroll_into_view_if_needed()
        pg.screenshot(path=str(folder / f"evaluasi-akip-{username}-{lebar}-nilai.png"))
        pg.locator("#kriteria-2-2-4").scroll_into_view_if_needed()
        pg.screenshot(path=str(folder / f"evaluasi-akip-{username}-{lebar}-kriteria.png"))
        assert pg.evaluate("document.documentElement.scrollWidth") <= lebar, (username, lebar)  # nothing off-screen
    pg.set_viewport_size({"width": 1280, "height": 900})


def test_the_evaluator_answers_a_criterion_finalises_and_the_office_sees_it(page, server_url, e2e_engine, tmp_path):
    ev_id = _siapkan(e2e_engine)
    pg = page
    masuk_sebagai(pg, server_url, "inspektorat.malang")
    pg.goto(server_url + ALAMAT)
    kartu = pg.locator("#kriteria-1-1-1")
    kartu.wait_for()
    assert "Catatan kantor 1.1.1" in pg.input_value(_id("akip-catatan-mandiri", "1.1.1"))
    pg.locator("#akip-tabel-nilai").wait_for()
    assert _tabel_nilai(pg)[1] == ["1. Perencanaan Kinerja", "30,00", "24,00", "belum lengkap"]
    pg.select_option(_id("akip-evaluator", "1.1.1"), "T")
    pg.fill(_id("akip-catatan-evaluator", "1.1.1"), "Pedoman teknis perencanaan belum ada.")
    pg.click(_id("akip-simpan-evaluator", "1.1.1"))
    pg.locator(_id("akip-pesan-evaluator", "1.1.1"), has_text="Penilaian evaluator 1.1.1 disimpan: T.").wait_for()
    tunggu_js(pg, "() => document.querySelector('#akip-tabel-nilai').innerText.includes('70,13')")
    baris = _tabel_nilai(pg)
    assert baris[1] == ["1. Perencanaan Kinerja", "30,00", "24,00", "21,53"]
    assert baris[2] == ["1.1", "6,00", "6,00", "5,14"]
    assert baris[-2:] == [["Nilai total", "100", "80,00", "70,13"], ["Predikat", "", "BB (Sangat Baik)",
                                                                     "BB (Sangat Baik)"]]
    pg.fill("#akip-temuan", "Pedoman teknis perencanaan kinerja belum disusun.")
    pg.fill("#akip-tanggal-lhe", "9 Maret 2025")
    pg.click("#akip-final")
    pg.locator("#akip-pesan .alert-success", has_text="Evaluasi AKIP 2024 final: nilai 70,13, predikat BB (Sangat "
                                                        "Baik).").wait_for()
    pg.locator("#akip-status", has_text="Final").wait_for()
    with session_scope(e2e_engine) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        assert (ev.status, ev.nilai, ev.predikat, str(ev.tanggal_lhe)) == ("final", 70.13, "BB", "2025-03-09")

    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    pg.goto(server_url + f"/evaluasi-akip?tahun={TAHUN}")
    kartu = pg.locator("#kriteria-1-1-1")
    kartu.wait_for()
    assert pg.input_value(_id("akip-evaluator", "1.1.1")) == "T"
    assert pg.input_value(_id("akip-catatan-evaluator", "1.1.1")) == "Pedoman teknis perencanaan belum ada."
    assert pg.locator(_id("akip-catatan-evaluator", "1.1.1")).is_disabled()
    assert pg.locator(_id("akip-catatan-mandiri", "1.1.1")).is_disabled()  # final: nothing changes any more
    pg.locator("#akip-final-info", has_text="Nilai 70,13 · predikat BB (Sangat Baik)").wait_for()
    assert _tabel_nilai(pg)[-2][3] == "70,13"
    assert pg.locator("#akip-tautan-rekap").count() == 0

    folder = Path(os.environ.get("E2E_TANGKAPAN") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for username in ("evapor.poncokusumo", "camat.poncokusumo", "inspektorat.malang", "kabupaten.malang"):
        _foto(pg, server_url, username, folder)
    assert pg.locator("#akip-tautan-rekap").get_attribute("href") == "/evaluasi-akip/rekap"
