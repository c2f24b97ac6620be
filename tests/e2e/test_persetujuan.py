"""Persetujuan in Chromium, on Poncokusumo's Renja runs: a step the Kasubag Evapor returned from step 6 tells the
Staf who returned it, when and why, with the earlier steps' notes; finishing step 5 with nothing ticked is asked
again, naming "Konsep Renja", and once confirmed is recorded and read by the Kasubag Evapor on step 6; after an
action the step leaves the list and the panel and "Tugas saya" counts one less, and the last step, the Staf's step
12, says the work has ended. On Isi Realisasi, Buka kembali draws the page again itself."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlmodel import select

from models.db import session_scope
from models.perencanaan.pekerjaan import mulai_pekerjaan
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import AuditLog, CatatanLangkah, Eksekusi, SopLangkah
from models.umum import periode
from tests.e2e.conftest import masuk_sebagai
from tests.fabrik import pengguna, realisasi, sop

JUDUL = "Renja 2028"
T = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)  # 20 November 2026 09.00 WIB
ALASAN = "Target IKU-2 belum sesuai Renstra; perbaiki tabel sasaran."


def _lanjut_sampai(s, eks_id: int, peran: str, pada: datetime | None = T) -> CatatanLangkah:
    while (rec := catatan_terbuka(s, eks_id)).role_kode != peran:
        oleh = pengguna(s, peran=rec.role_kode)
        if s.get(SopLangkah, rec.langkah_id).keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=oleh, pada=pada)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=oleh, pada=pada, catatan=f"Catatan {rec.role_kode}.")
    return rec


def _pilih(pg, server_url: str, judul: str, no: str) -> None:
    pg.goto(server_url + "/persetujuan")
    pg.locator(".daftar-tugas label", has_text=f"{judul} · langkah {no} · diterima").first.click()
    pg.wait_for_selector(f"#tugas-rinci >> text={judul}")


def _jumlah_tugas(pg) -> int:
    return int(re.fullmatch(r"Tugas saya \((\d+)\)", pg.inner_text("#tugas-judul")).group(1))


def _mulai(e2e_engine, judul: str, tahun: int, *, kembalikan: bool) -> tuple[int, str]:
    """A Renja run carried to the Staf's step 5 (returned there from step 6 with ALASAN when `kembalikan`); its id
    and the Kasubag Evapor's name."""
    with session_scope(e2e_engine) as s:
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul=judul, tahun=tahun, triwulan=None,
                              oleh=pengguna(s, peran="camat"), pada=T)
        _lanjut_sampai(s, eks.id, "staf")
        evapor = pengguna(s, peran="kasubag_evapor")
        if kembalikan:
            rec = catatan_terbuka(s, eks.id)
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran="staf"), pada=T, catatan="Konsep pertama.")
            rec = catatan_terbuka(s, eks.id)
            putuskan(s, catatan_id=rec.id, setuju=False, alasan=ALASAN, oleh=evapor, pada=T)
        return eks.id, evapor.nama


def _tuntaskan(e2e_engine, eks_id: int) -> None:
    """The rest of the run done by its pelaksana now, so that no step of it stays in anyone's list."""
    with session_scope(e2e_engine) as s:
        while (rec := catatan_terbuka(s, eks_id)) is not None:
            oleh = pengguna(s, peran=rec.role_kode)
            if s.get(SopLangkah, rec.langkah_id).keputusan:
                putuskan(s, catatan_id=rec.id, setuju=True, oleh=oleh, bukti=None)
            else:
                selesaikan(s, catatan_id=rec.id, oleh=oleh)


def test_a_returned_step_says_who_returned_it_when_and_why(page, server_url, e2e_engine):
    eks_id, nama_evapor = _mulai(e2e_engine, JUDUL, 2028, kembalikan=True)
    pg = page
    masuk_sebagai(pg, server_url, "staf.poncokusumo")
    _pilih(pg, server_url, JUDUL, "5")
    kembali = pg.inner_text("#tugas-dikembalikan")
    assert kembali == (f"Dikembalikan untuk diperbaiki. {nama_evapor} (Kasubag Evapor), langkah 6, "
                       f"20 November 2026 09.00 WIB: {ALASAN}")
    sebelumnya = pg.inner_text("#tugas-catatan-sebelumnya")
    assert "Langkah 5 (Staf): selesai oleh" in sebelumnya and "Konsep pertama." in sebelumnya
    assert "Langkah 2 (Sekretaris Camat): selesai" in sebelumnya and "Catatan sekcam." in sebelumnya
    assert f"Langkah 6 (Kasubag Evapor): dikembalikan untuk perbaikan oleh {nama_evapor}" in sebelumnya
    _tuntaskan(e2e_engine, eks_id)


def test_finishing_with_no_kelengkapan_ticked_is_confirmed_recorded_and_shown(page, server_url, e2e_engine):
    judul = "Renja 2029"
    eks_id, _ = _mulai(e2e_engine, judul, 2029, kembalikan=False)
    pg = page
    masuk_sebagai(pg, server_url, "staf.poncokusumo")
    _pilih(pg, server_url, judul, "5")
    # Finishing with nothing ticked: asked first, naming the kelengkapan; nothing is written yet.
    pg.fill("#tugas-alasan", "Tabel sasaran diperbaiki.")
    pg.click("#tugas-selesai")
    pg.wait_for_selector("#tugas-tanya-kelengkapan")
    assert pg.inner_text("#tugas-tanya-kelengkapan").startswith(
        "Belum ada kelengkapan langkah 5 yang dicentang: Konsep Renja.")
    assert pg.locator("#tugas-tanpa-bukti").is_visible()
    with session_scope(e2e_engine) as s:
        assert catatan_terbuka(s, eks_id).role_kode == "staf"
    pg.click("#tugas-tanpa-bukti")
    pg.wait_for_selector("#tugas-pesan .alert-success")
    assert pg.inner_text("#tugas-pesan") == (
        "Langkah diselesaikan; berkas diteruskan ke langkah 6 (Kasubag Evapor). Dicatat pada langkah ini: "
        "diselesaikan tanpa kelengkapan yang dicentang.")
    assert not pg.locator("#tugas-tanpa-bukti").is_visible()
    with session_scope(e2e_engine) as s:
        langkah5 = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)
                          .where(CatatanLangkah.role_kode == "staf")).one()
        assert (langkah5.hasil, langkah5.bukti, langkah5.catatan) == ("selesai", [], "Tabel sasaran diperbaiki.")
        a = s.exec(select(AuditLog).where(AuditLog.objek == "catatan_langkah")
                   .where(AuditLog.objek_id == langkah5.id)).one()
        assert a.sesudah["tanpa_kelengkapan"] == ["Konsep Renja"]
    # The Kasubag Evapor reads it on step 6.
    masuk_sebagai(pg, server_url, "evapor.poncokusumo")
    _pilih(pg, server_url, judul, "6")
    sebelumnya = pg.inner_text("#tugas-catatan-sebelumnya")
    assert "Tabel sasaran diperbaiki." in sebelumnya
    assert "Diselesaikan tanpa kelengkapan yang dicentang: Konsep Renja." in sebelumnya
    assert pg.locator("#tugas-dikembalikan").count() == 0  # step 6 was not brought back by a return
    _tuntaskan(e2e_engine, eks_id)


def test_after_an_action_the_panel_and_count_are_redrawn_and_the_last_step_says_the_work_ended(
        page, server_url, e2e_engine):
    judul = "Renja 2030"
    eks_id, _ = _mulai(e2e_engine, judul, 2030, kembalikan=False)
    pg = page
    masuk_sebagai(pg, server_url, "staf.poncokusumo")
    _pilih(pg, server_url, judul, "5")
    n = _jumlah_tugas(pg)
    for kotak in pg.locator("#tugas-bukti input").all():
        kotak.check()
    pg.click("#tugas-selesai")
    pg.wait_for_selector("#tugas-pesan .alert-success")
    assert pg.inner_text("#tugas-pesan") == "Langkah diselesaikan; berkas diteruskan ke langkah 6 (Kasubag Evapor)."
    # The step just completed has left the list and the panel; the count is one less.
    pg.wait_for_selector("#tugas-belum-dipilih")
    assert judul not in pg.inner_text("#tugas-daftar") and judul not in pg.inner_text("#tugas-rinci")
    assert _jumlah_tugas(pg) == n - 1
    assert pg.locator("#tugas-bukti input").count() == 0

    with session_scope(e2e_engine) as s:
        _lanjut_sampai(s, eks_id, "staf", pada=None)  # now: after the step done in the browser
    _pilih(pg, server_url, judul, "12")
    for kotak in pg.locator("#tugas-bukti input").all():
        kotak.check()
    pg.click("#tugas-selesai")
    pg.wait_for_selector("#tugas-pesan .alert-success")
    assert pg.inner_text("#tugas-pesan") == (
        f'Langkah diselesaikan. Pekerjaan "{judul}" telah selesai: semua langkah SOP sudah dilalui.')
    assert judul not in pg.inner_text("#tugas-daftar")
    with session_scope(e2e_engine) as s:
        assert s.get(Eksekusi, eks_id).status == "selesai"


def test_buka_kembali_draws_isi_realisasi_again_by_itself(page, server_url, e2e_engine):
    tahun = periode.periode_baku()[0] - 1
    with session_scope(e2e_engine) as s:
        r = realisasi(s, indikator="IKU-1", kecamatan="Kalipare", tahun=tahun, triwulan=4, status="resmi")
        alamat = f"{server_url}/realisasi?tahun={tahun}&triwulan=4&indikator={r.indikator_id}"
    pg = page
    masuk_sebagai(pg, server_url, "camat.kalipare")
    pg.goto(alamat)
    pg.wait_for_selector("#real-buka")
    assert pg.inner_text("#real-status") == "Resmi"
    pg.evaluate("() => { window.belumDimuatUlang = true; }")
    pg.fill("#real-buka-alasan", "Daftar hadir ternyata ganda")
    with pg.expect_navigation():  # the page loads itself again
        pg.click("#real-buka")
    pg.wait_for_selector("#form-realisasi")
    assert pg.evaluate("() => window.belumDimuatUlang") is None
    assert pg.inner_text("#real-status") == "Dibuka kembali"
    assert pg.locator("#real-pembilang").is_enabled()
    assert "Muat ulang" not in pg.inner_text("body")
