"""The quarter in Chromium: the Kasubag Evapor enters all three IKU and each goes through the SOP to the Camat's
approval, one of them returned for correction on the way; the official capaian shows."""
from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlmodel import select

from models.umum import periode
from tests.e2e.conftest import masuk_sebagai
from tests.fabrik import kantor

KODE = ("IKU-1", "IKU-2", "IKU-3")
PERIODE = f"triwulan I {periode.periode_baku()[0]}"  # the walk's quarter, as a task's title names it
ANGKA = {"IKU-1": ("45", "50"), "IKU-2": ("1.000", "1.200"), "IKU-3": ("12", "24")}


def _tugas(page, server_url, kode: str, tombol: str, alasan: str | None = None) -> None:
    """Open Persetujuan, pick the first waiting step of this IKU, and press a button."""
    page.goto(server_url + "/persetujuan")
    # this walk's quarter: the shared database may hold other tests' figures waiting too
    label = page.locator(".daftar-tugas label", has_text=re.compile(rf"Realisasi {kode} .*{PERIODE}", re.I)).first
    label.click()
    page.wait_for_selector("#tugas-angka")
    if alasan:
        page.fill("#tugas-alasan", alasan)
    else:  # the step's kelengkapan, all at hand
        for kotak in page.locator("#tugas-bukti input").all():
            kotak.check()
    page.click(f"#{tombol}")
    page.wait_for_selector("#tugas-pesan .alert-success")


def test_a_quarter_from_entry_to_the_camats_approval(page, server_url, e2e_engine):

    from models.db import session_scope
    from models.tables import AuditLog, Indikator, Realisasi

    masuk_sebagai(page, server_url, "evapor.poncokusumo")
    tahun = periode.periode_baku()[0]  # the year of the last ended quarter: its first quarter has ended too
    alamat = f"{server_url}/realisasi?tahun={tahun}&triwulan=1"
    page.goto(alamat)
    page.wait_for_selector(".tabel-realisasi")
    for kode in KODE:
        page.locator(f"tr[data-kode='{kode}'] a").click()
        page.locator("#form-realisasi h5", has_text=kode).wait_for()
        pembilang, penyebut = ANGKA[kode]
        page.fill("#real-pembilang", pembilang)
        page.fill("#real-penyebut", penyebut)
        for kotak in page.locator("#real-bukti input").all():
            kotak.check()
        page.click("#real-ajukan")
        page.wait_for_selector("#real-pesan .alert-success")
        expect(page.locator(f"tr[data-kode='{kode}']").get_by_text("Dalam proses SOP")).to_be_visible()
        assert page.inner_text("#real-status") == "Dalam proses SOP"  # the form's badge moved with the figure
    # Step 3 (analysis, a decision) and step 4 (report to the Sekcam) are the Kasubag Evapor's.
    for kode in KODE:
        _tugas(page, server_url, kode, "tugas-setuju")
        _tugas(page, server_url, kode, "tugas-selesai")
    masuk_sebagai(page, server_url, "sekcam.poncokusumo")
    _tugas(page, server_url, "IKU-1", "tugas-kembali", alasan="Jumlah undangan tidak sama dengan berita acara")
    for kode in ("IKU-2", "IKU-3"):
        _tugas(page, server_url, kode, "tugas-setuju")
    # The returned figure: Beranda tells the Kasubag Evapor, Persetujuan sends her to Isi Realisasi, where the figure
    # opens with the reason; the corrected figure's resubmission completes her step 3.
    masuk_sebagai(page, server_url, "evapor.poncokusumo")
    page.wait_for_selector("#beranda-dikembalikan")
    kembali = page.inner_text("#beranda-dikembalikan")
    # (the shared database may hold another test's returned figure too: the count is the list's)
    jumlah = page.locator("#beranda-dikembalikan a", has_text="Perbaiki").count()
    assert f"Realisasi dikembalikan untuk Anda perbaiki ({jumlah})" in kembali
    assert "IKU-1 triwulan I 2026 · Sekretaris Camat: Jumlah undangan tidak sama dengan berita acara" in kembali
    page.goto(server_url + "/persetujuan")
    page.locator(".daftar-tugas label", has_text="Realisasi IKU-1 ").first.click()
    page.wait_for_selector("#tugas-terkunci")
    # Approving unchanged is not offered; sending it back further (to the Kasi) still is.
    assert page.locator("#tugas-setuju").is_disabled() and page.locator("#tugas-kembali").is_enabled()
    page.goto(server_url + "/")
    page.locator("#beranda-dikembalikan li", has_text="IKU-1 triwulan I 2026").locator("a", has_text="Perbaiki").click()
    page.wait_for_selector("#realisasi-dikembalikan")
    assert "Jumlah undangan tidak sama dengan berita acara" in page.inner_text("#realisasi-dikembalikan")
    assert page.locator("#real-pembilang").is_enabled()
    page.fill("#real-pembilang", "44")
    page.click("#real-ajukan")
    page.wait_for_selector("#real-pesan .alert-success")
    _tugas(page, server_url, "IKU-1", "tugas-selesai")
    masuk_sebagai(page, server_url, "sekcam.poncokusumo")
    _tugas(page, server_url, "IKU-1", "tugas-setuju")
    masuk_sebagai(page, server_url, "camat.poncokusumo")
    for kode in KODE:
        _tugas(page, server_url, kode, "tugas-setuju")
    masuk_sebagai(page, server_url, "evapor.poncokusumo")
    for kode in KODE:
        _tugas(page, server_url, kode, "tugas-selesai")
    page.goto(server_url + "/persetujuan")
    page.wait_for_selector("#tugas-kosong, .daftar-tugas label")
    assert page.locator(".daftar-tugas label", has_text=re.compile(PERIODE, re.I)).count() == 0  # nothing left

    masuk_sebagai(page, server_url, "camat.poncokusumo")
    page.goto(alamat)
    page.wait_for_selector(".tabel-realisasi")
    # IKU-1 corrected: 44/50 = 88% against 90 = 97,78%; IKU-2: 1.000/1.200 = 83,33% against 95; IKU-3: 12/24 = 50%
    # against 75.
    for kode, capaian in (("IKU-1", "97,78% Sangat Baik"), ("IKU-2", "87,72% Baik"), ("IKU-3", "66,67% Cukup")):
        baris = page.locator(f"tr[data-kode='{kode}']")
        expect(baris.get_by_text("Resmi", exact=True)).to_be_visible()
        assert baris.locator(".capaian-resmi").inner_text().splitlines() == [capaian, "terhadap target tahun"]

    with session_scope(e2e_engine) as s:
        rs = s.exec(select(Realisasi, Indikator).join(Indikator)  # this walk's figures: other tests add their own
                    .where(Realisasi.kecamatan_id == kantor(s).id).where(Realisasi.tahun == tahun)
                    .where(Realisasi.triwulan == 1)).all()
        assert {i.kode: r.status for r, i in rs} == {k: "resmi" for k in KODE}
        eksekusi = {r.eksekusi_id for r, _ in rs}  # other tests' work shares this database
        aksi = [a.aksi for a in s.exec(select(AuditLog)) if (a.sesudah or {}).get("eksekusi") in eksekusi]
        assert aksi.count("langkah.dikembalikan") == 1 and aksi.count("realisasi.resmi") == 3


def test_submitting_without_any_evidence_warns(page, server_url):
    masuk_sebagai(page, server_url, "evapor.kalipare")
    tahun = periode.periode_baku()[0]
    page.goto(f"{server_url}/realisasi?tahun={tahun}&triwulan=2")
    page.wait_for_selector(".tabel-realisasi")
    page.locator("tr[data-kode='IKU-2'] a").click()
    page.locator("#form-realisasi h5", has_text="IKU-2").wait_for()
    page.fill("#real-pembilang", "90")
    page.fill("#real-penyebut", "100")
    page.click("#real-ajukan")
    page.wait_for_selector("#real-pesan .alert-warning")
    assert "Perhatian: diajukan tanpa bukti yang dicentang maupun lampiran" in page.inner_text("#real-pesan")
    assert page.inner_text("#real-status") == "Dalam proses SOP"
