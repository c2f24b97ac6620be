"""Beranda in Chromium: a returned and a reopened figure read as Isi Realisasi reads them; the admin sees each
kabupaten under its own IKU; next year and "Setahun" chosen in the filter show the Renja of next year."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.perencanaan.pekerjaan import batalkan, berjalan
from models.sop.alur import catatan_terbuka, selesaikan
from models.tables import Indikator, Kabupaten
from models.umum.periode import periode_baku
from tests.e2e.conftest import masuk_sebagai, tunggu_js
from tests.fabrik import kabupaten, nama_pengguna, pekerjaan, pengguna, realisasi, sop

TAHUN, TRIWULAN = periode_baku()[0] - 1, 4  # last year's fourth quarter: a quarter no other browser test uses


def _tunggu_isi(pg) -> None:
    pg.wait_for_selector("#beranda-isi > div", timeout=20000)


def test_a_returned_and_a_reopened_figure_read_on_beranda_as_on_isi_realisasi(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:
        realisasi(s, indikator="IKU-3", tahun=TAHUN, triwulan=TRIWULAN, pembilang=30, penyebut=40,
                  status="dikembalikan")
        realisasi(s, indikator="IKU-1", tahun=TAHUN, triwulan=TRIWULAN, pembilang=60, penyebut=72, status="dibuka")
    masuk_sebagai(page, server_url, nama_pengguna("camat"))
    page.goto(f"{server_url}/realisasi?tahun={TAHUN}&triwulan={TRIWULAN}")
    page.wait_for_selector(".tabel-realisasi")
    isi_realisasi = {kode: page.locator(f"tr[data-kode='{kode}']").inner_text() for kode in ("IKU-1", "IKU-3")}
    assert "Dibuka kembali" in isi_realisasi["IKU-1"]
    assert "Dikembalikan untuk perbaikan" in isi_realisasi["IKU-3"]
    page.goto(f"{server_url}/?tahun={TAHUN}&triwulan={TRIWULAN}")
    _tunggu_isi(page)
    for kode, label in (("IKU-1", "Dibuka kembali"), ("IKU-3", "Dikembalikan untuk perbaikan")):
        kartu = page.locator(f"#beranda-kartu [data-kode='{kode}']").inner_text()
        assert label in kartu and "Tidak tersedia" in kartu, kartu
        assert "Sementara" not in kartu and "Diajukan" not in kartu, kartu
        assert page.locator(f"#beranda-kartu [data-kode='{kode}'] .capaian-angka").count() == 0  # no capaian
    # the kabupaten's comparison: the cell says the state, not a number
    masuk_sebagai(page, server_url, "kabupaten.malang")
    page.goto(f"{server_url}/?tahun={TAHUN}&triwulan={TRIWULAN}")
    page.wait_for_selector("#tabel-perbandingan-kantor", timeout=20000)
    baris = page.locator("#tabel-perbandingan-kantor tr[data-kantor='Poncokusumo']").inner_text()
    assert "Dibuka kembali" in baris and "Dikembalikan untuk perbaikan" in baris, baris


def test_the_admin_sees_each_kabupaten_under_its_own_iku(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:
        kab = {nama: kabupaten(s, nama=nama).id for nama in ("Malang", "Tanjung Jabung Barat")}
        iku1 = {nama: s.exec(select(Indikator.nama).where(Indikator.kabupaten_id == i)
                             .where(Indikator.kode == "IKU-1")).one() for nama, i in kab.items()}
    masuk_sebagai(page, server_url, "admin")
    page.goto(f"{server_url}/?tahun={TAHUN}&triwulan={TRIWULAN}")
    # One row per kabupaten first; its name opens the kabupaten's own view.
    page.wait_for_selector("#tabel-nasional", timeout=20000)
    assert page.locator("#tabel-nasional tbody tr td:first-child").all_inner_texts() == [
        "Malang", "Tanjung Jabung Barat"]
    assert page.locator("[data-kantor]").count() == 0
    page.locator("#tabel-nasional").get_by_role("link", name="Malang", exact=True).click()
    page.wait_for_selector(".beranda-kabupaten", timeout=20000)
    assert page.locator(".beranda-kabupaten h3").all_inner_texts() == ["Kabupaten Malang"]
    tunggu_js(page, "([s, t]) => (document.querySelector(s) || {}).textContent?.includes(t)",
              [f"#tabel-perbandingan-kantor-{kab['Malang']} thead", iku1["Malang"]])  # drawn after the page's reload
    kepala = page.locator(f"#tabel-perbandingan-kantor-{kab['Malang']} thead").text_content()
    assert iku1["Malang"] in kepala and iku1["Tanjung Jabung Barat"] not in kepala, kepala
    assert page.locator(f"#tabel-perbandingan-kantor-{kab['Malang']} tr[data-kantor='Poncokusumo']").count() == 1
    assert page.locator("tr[data-kantor='Muara Papalik']").count() == 0
    # The filter then offers the other kabupaten, and the offices of the one chosen.
    page.locator("#beranda-kecamatan").click()
    page.get_by_role("option", name="Kabupaten Tanjung Jabung Barat: semua kecamatan").click()
    page.wait_for_selector(f"#tabel-perbandingan-kantor-{kab['Tanjung Jabung Barat']}", timeout=20000)
    tunggu_js(page, "([s, t]) => (document.querySelector(s) || {}).textContent?.includes(t)",
              [f"#tabel-perbandingan-kantor-{kab['Tanjung Jabung Barat']} thead", iku1["Tanjung Jabung Barat"]])
    kepala = page.locator(f"#tabel-perbandingan-kantor-{kab['Tanjung Jabung Barat']} thead").text_content()
    assert iku1["Tanjung Jabung Barat"] in kepala and iku1["Malang"] not in kepala, kepala
    assert page.locator("tr[data-kantor='Muara Papalik']").count() == 1
    page.locator("#beranda-kecamatan").click()
    assert page.get_by_role("option", name="· Kec. Muara Papalik").count() == 1
    assert page.get_by_role("option", name="· Kec. Poncokusumo").count() == 0


def test_choosing_next_year_and_setahun_shows_the_renja_of_next_year(page, server_url, e2e_engine):
    depan = periode_baku()[0] + 1
    with session_scope(e2e_engine) as s:
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = berjalan(s, sop_id=renja.id, tahun=depan, triwulan=None)
        dibuat = eks is None
        if dibuat:
            eks = pekerjaan(s, sop="Penyusunan Rencana Kerja (Renja)", tahun=depan,  # another test may have
                            judul=f"Renja {depan} (uji Beranda)", ulang=True)  # finished one in the shared database
            rec = catatan_terbuka(s, eks.id)
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode))
        judul, eks_id = eks.judul, eks.id
    masuk_sebagai(page, server_url, nama_pengguna("kasubag_evapor"))
    page.goto(server_url + "/")
    _tunggu_isi(page)
    page.locator("#beranda-tahun").click()
    page.get_by_role("option", name=str(depan), exact=True).click()
    page.locator("#beranda-triwulan").click()
    page.get_by_role("option", name="Setahun", exact=True).click()
    tunggu_js(page, f"window.location.search.includes('tahun={depan}') && window.location.search.includes('triwulan=0')")
    page.wait_for_selector(f"text=Capaian IKU tahun {depan}", timeout=20000)  # the whole year's view drawn
    tahunan = page.locator("#beranda-tahunan").inner_text()
    assert judul in tahunan and "Berjalan" in tahunan and "langkah selesai" in tahunan, tahunan
    assert "0 dari 0 langkah" not in page.locator("#beranda-baku").locator("..").inner_text()
    if dibuat:  # the shared database's Renja of next year is another test's to start and carry
        with session_scope(e2e_engine) as s:
            batalkan(s, eksekusi_id=eks_id, alasan="Dibuat untuk uji Beranda.", oleh=pengguna(s, peran="camat"))


def test_the_kabupaten_filter_is_the_users_own(page, server_url, e2e_engine):
    """A kabupaten user sees their own kabupaten only: no section per kabupaten, no other kabupaten's office."""
    with session_scope(e2e_engine) as s:
        assert s.exec(select(Kabupaten)).all()
    masuk_sebagai(page, server_url, "kabupaten.malang")
    page.goto(f"{server_url}/?tahun={TAHUN}&triwulan={TRIWULAN}")
    page.wait_for_selector("#tabel-perbandingan-kantor", timeout=20000)
    assert page.locator(".beranda-kabupaten").count() == 0
    assert "Muara Papalik" not in page.inner_text("#beranda-isi")
