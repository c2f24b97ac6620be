"""The dashboards in Chromium on a generated history: the Camat's and the kabupaten's view, filters in the
address, a point's records, the timeline, acting from the queue, and a download."""
from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

from openpyxl import load_workbook
from sqlmodel import select

from dashboard.format import angka
from models.dasbor.kueri import antrian_terbuka, kartu_iku
from models.db import session_scope
from models.tables import Kecamatan
from models.umum.periode import periode_baku
from models.umum.status import KeadaanCapaian
from tests.e2e.conftest import masuk_sebagai, tunggu_js
from tests.fabrik import kantor, lepas, nama_pengguna, pengguna


def _tunggu_isi(pg, ident: str) -> None:
    pg.wait_for_selector(f"#{ident} > div", timeout=20000)


def test_camat_beranda_shows_the_cards_the_engine_computes(halaman_riwayat, riwayat_url, riwayat_engine):
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, nama_pengguna("camat"))
    _tunggu_isi(pg, "beranda-isi")
    th, tw = periode_baku()
    with session_scope(riwayat_engine) as s:
        kartu = kartu_iku(s, kecamatan_id=lepas(riwayat_engine, kantor).id, tahun=th, triwulan=tw)
    assert len(kartu) == 4  # the three shared IKU and Poncokusumo's own IKU-7
    for k in kartu:
        teks = pg.locator(f"[data-kode='{k.indikator.kode}']").inner_text()
        if k.persen is None:
            assert "Tidak tersedia" in teks
        else:
            assert f"{angka(k.persen, 2)}%" in teks, (k.indikator.kode, teks)
            assert f"terhadap {k.terhadap}" in teks  # IKU-7 against its quarter's target, the others the year's
            assert (k.rencana_aksi or "") in teks and (k.rencana_aksi is None) == (k.indikator.kode != "IKU-7")
            keadaan = KeadaanCapaian.RESMI if k.resmi else (k.keadaan or KeadaanCapaian.SEMENTARA)
            assert keadaan.label in teks  # the figure's state in the one vocabulary
            assert k.predikat.nama in teks
    # Another quarter of the year (whatever today's quarter is): the address follows the filter, and opening that
    # address shows the same view.
    pg.locator("#beranda-triwulan").click()
    lain = 2 if tw != 2 else 1
    assert lain != tw
    pg.get_by_role("option", name=f"Triwulan {'I' * lain}", exact=True).click()
    tunggu_js(pg, f"window.location.search.includes('triwulan={lain}')")
    pg.wait_for_selector(f"text=Capaian IKU triwulan {'I' * lain} {th}")
    alamat = pg.url
    pg.goto(alamat)
    _tunggu_isi(pg, "beranda-isi")
    assert f"Capaian IKU triwulan {'I' * lain} {th}" in pg.inner_text("#beranda-isi")


def test_capaian_point_opens_its_records(halaman_riwayat, riwayat_url):
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, nama_pengguna("camat"))
    pg.goto(riwayat_url + "/capaian")
    pg.wait_for_selector(".grafik-capaian .main-svg", timeout=20000)
    assert pg.locator(".grafik-capaian").count() == 4  # the three shared IKU and Poncokusumo's own IKU-7
    # Click the first official point of the first chart where the mouse would (plotly picks the nearest point).
    titik = pg.locator(".grafik-capaian").first.locator(".scatterlayer .trace .points path.point").first
    kotak = titik.bounding_box()
    pg.mouse.move(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
    pg.mouse.click(kotak["x"] + kotak["width"] / 2, kotak["y"] + kotak["height"] / 2)
    pg.wait_for_selector("#rincian-realisasi", timeout=20000)
    teks = pg.inner_text(".rincian-titik")
    assert "Diisi oleh" in teks and "Disahkan oleh" in teks and "Jejak SOP" in teks
    # The records open where the person is looking: in view, without scrolling.
    assert pg.evaluate("() => { const r = document.querySelector('#rincian-realisasi').getBoundingClientRect();"
                       " return r.top >= 0 && r.top < window.innerHeight; }")


def test_cycle_time_page_and_timeline(halaman_riwayat, riwayat_url):
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, nama_pengguna("camat"))
    pg.goto(riwayat_url + "/siklus?triwulan=0&sop=pengumpulan+data+kinerja+indikator+administrasi+kependudukan")
    pg.wait_for_selector("#tabel-siklus-langkah", timeout=20000)
    baris = pg.locator("#tabel-siklus-langkah tbody tr")
    assert baris.count() == 6  # the collection SOP's six steps
    assert "Mutu baku" in pg.inner_text("#tabel-siklus-langkah thead")
    pg.wait_for_selector("#grafik-garis-waktu .main-svg", timeout=20000)
    assert "jam kerja sejak dimulai" in pg.inner_text("#grafik-garis-waktu")


def test_kabupaten_compares_offices_picks_one_and_downloads(halaman_riwayat, riwayat_url, riwayat_engine):
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    pg.wait_for_selector("#tabel-perbandingan-kantor", timeout=20000)
    kantor = pg.locator("#tabel-perbandingan-kantor tbody tr").evaluate_all(
        "rs => rs.map(r => r.dataset.kantor)")
    with session_scope(riwayat_engine) as s:
        kab = pengguna(s, peran="kabupaten", kabupaten="Malang").kabupaten_id
        semua = sorted(s.exec(select(Kecamatan.nama).where(Kecamatan.kabupaten_id == kab)).all())
    assert kantor == semua and len(semua) == 4
    pg.get_by_role("link", name="Poncokusumo").click()
    pg.wait_for_selector("[data-kantor='Poncokusumo'].isi-kantor", timeout=20000)
    assert parse_qs(urlparse(pg.url).query)["kecamatan"] == ["Poncokusumo"]
    with pg.expect_download() as unduh:
        pg.locator("a[href^='/unduh/iku-triwulan.xlsx']").click()
    ws = load_workbook(io.BytesIO(open(unduh.value.path(), "rb").read())).active
    assert [c.value for c in ws[1]][:2] == ["Kode", "Indikator"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["IKU-1", "IKU-2", "IKU-3", "IKU-7"]
    # Another kabupaten's office in the address is refused by the server.
    r = pg.request.get(riwayat_url + "/unduh/iku-triwulan.csv?kecamatan=Muara%20Papalik")
    assert r.status == 403


def test_persetujuan_per_role_and_the_camat_acts_from_the_queue(halaman_riwayat, riwayat_url, riwayat_engine):
    from models.tables import AuditLog, CatatanLangkah

    with session_scope(riwayat_engine) as s:
        kantor = {k.nama: k.id for k in s.exec(select(Kecamatan))}
        antre = {nama: antrian_terbuka(s, kecamatan_ids=[i]) for nama, i in kantor.items()}
    nama = max(antre, key=lambda n: len(antre[n]))
    sebelum = antre[nama]
    assert len(sebelum) > 0  # the generated history leaves the last quarter unfinished somewhere
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, f"camat.{nama.lower().replace(' ', '')}")
    pg.goto(riwayat_url + "/persetujuan")
    pg.wait_for_selector("#tabel-per-peran", timeout=20000)
    jumlah = pg.locator("#tabel-per-peran tbody tr td:last-child").all_inner_texts()
    assert sum(int(x) for x in jumlah) == len(sebelum)
    pertama = pg.locator("#tabel-antrian tbody tr").first.inner_text()
    assert (sebelum.iloc[0]["judul"] in pertama) and (("Ya" in pertama) == bool(sebelum.iloc[0]["terlambat"]))
    # The Camat may act for anyone in the office: the first item of "Tugas saya" is acted on here.
    pilihan = pg.locator(".daftar-tugas input[type=radio]").first
    catatan_id = int(pilihan.get_attribute("value"))
    pg.locator(".daftar-tugas label").first.click()
    pg.wait_for_selector("#tugas-rinci h5")
    tombol = "#tugas-setuju" if pg.locator("#tugas-setuju").is_enabled() else "#tugas-selesai"
    for kotak in pg.locator("#tugas-bukti input").all():  # the step's kelengkapan, all at hand
        kotak.check()
    pg.click(tombol)
    pg.wait_for_selector("#tugas-pesan .alert-success")
    with session_scope(riwayat_engine) as s:
        rec = s.get(CatatanLangkah, catatan_id)
        camat = pengguna(s, peran="camat", kecamatan=nama)
        assert rec.selesai_pada is not None and rec.pelaku_id == camat.id
        assert s.exec(select(AuditLog).where(AuditLog.objek == "catatan_langkah")
                      .where(AuditLog.objek_id == catatan_id)).first() is not None
    assert re.search(r"Tugas saya \(\d+\)", pg.inner_text("#tugas-judul"))


def test_a_step_started_from_the_queue_says_so_at_once(halaman_riwayat, riwayat_url, riwayat_engine):
    """After "Mulai kerjakan" the step's detail says it is being worked on, and the button is not offered again."""
    from models.tables import CatatanLangkah, Eksekusi

    with session_scope(riwayat_engine) as s:
        rec, kantor = s.exec(select(CatatanLangkah, Kecamatan.nama).join(Eksekusi, Eksekusi.id == CatatanLangkah.eksekusi_id)
                             .join(Kecamatan, Kecamatan.id == Eksekusi.kecamatan_id)
                             .where(CatatanLangkah.selesai_pada == None)  # noqa: E711
                             .where(CatatanLangkah.dimulai_pada == None)).first()  # noqa: E711
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, f"camat.{kantor.lower().replace(' ', '')}")
    pg.goto(riwayat_url + "/persetujuan")
    pg.wait_for_selector(f".daftar-tugas input[value='{rec.id}']", timeout=20000)
    pg.locator(f".daftar-tugas input[value='{rec.id}']").check()
    pg.wait_for_selector("#tugas-keadaan")
    assert "menunggu" in pg.inner_text("#tugas-keadaan")
    pg.click("#tugas-mulai")
    pg.wait_for_selector("#tugas-keadaan:has-text('sedang dikerjakan')")
    assert pg.locator("#tugas-mulai").is_disabled()
    with session_scope(riwayat_engine) as s:
        assert s.get(CatatanLangkah, rec.id).dimulai_pada is not None
