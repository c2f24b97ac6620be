"""In Chromium: the long lists the database pages (Tindak Lanjut's recommendations, Persetujuan's queue) as
kabupaten.malang reads the generated history: 25 rows a page and the words "Menampilkan 1–25 dari N …", the next page,
a search counted against the whole list, another order, and a search that finds nothing."""
from __future__ import annotations

import re

import pytest
from sqlmodel import col, func, select

from models.dasbor.kueri import antrian_terbuka, tindak_lanjut
from models.db import session_scope
from models.tables import Evaluasi, Kabupaten, Kecamatan
from models.umum import periode
from tests.e2e.conftest import masuk_sebagai, tunggu_js


def _malang(s) -> list[int]:
    kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one()
    return list(s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kab.id)))


def _kolom(pg, tabel: str, nomor: int) -> list[str]:
    return pg.locator(f"{tabel} tbody tr td:nth-child({nomor})").all_inner_texts()


def _tunggu_kolom(pg, tabel: str, nomor: int, isi: list[str]) -> None:
    """Until the table's column reads `isi` (a list drawn again after a search or an order)."""
    tunggu_js(pg, "([s, isi]) => JSON.stringify([...document.querySelectorAll(s)].map(e => e.innerText)) === "
                  "JSON.stringify(isi)", arg=[f"{tabel} tbody tr td:nth-child({nomor})", isi], batas=20)


def _tunggu(pg, keterangan: str, teks: str) -> None:
    tunggu_js(pg, "([s, t]) => document.querySelector(s) && document.querySelector(s).textContent === t",
              arg=[keterangan, teks], batas=20)


def _cari(pg, kotak: str, teks: str) -> None:
    pg.fill(kotak, teks)
    pg.press(kotak, "Enter")


def test_tindak_lanjut_pages_searches_and_sorts_in_the_database(halaman_riwayat, riwayat_url, riwayat_engine):
    with session_scope(riwayat_engine) as s:
        tahun = s.exec(select(func.min(Evaluasi.tahun))).one()
        semua = tindak_lanjut(s, kecamatan_ids=_malang(s), tahun=tahun, triwulan=None, hari_ini=periode.hari_ini())
    n = len(semua)
    assert n > 25  # the year's recommendations of four offices need a second page
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    pg.goto(f"{riwayat_url}/tindak-lanjut?tahun={tahun}&triwulan=0")
    _tunggu(pg, "#tl-keterangan", f"Menampilkan 1–25 dari {n} rekomendasi.")
    # The first page is the list's first 25, overdue first; only they travel to the browser.
    assert _kolom(pg, "#tabel-tl-daftar", 3) == list(semua["teks"][:25])
    assert pg.locator("[id*='tabel-halaman'][id*='tabel-tl-daftar']").count() == 0  # no pager in the browser
    # The chooser of Rincian dan tindakan offers the page shown, first to last.
    pg.click("#tl-pilih")
    pertama = pg.locator("[role=listbox] [role=option]").first
    pertama.wait_for()
    assert pertama.inner_text().startswith(f"{semua['kecamatan'][0]} · {semua['periode'][0]}")
    pg.keyboard.press("Escape")

    pg.locator("#tl-halaman").get_by_text("2", exact=True).click()
    _tunggu(pg, "#tl-keterangan", f"Menampilkan 26–{min(50, n)} dari {n} rekomendasi.")
    assert _kolom(pg, "#tabel-tl-daftar", 3) == list(semua["teks"][25:50])

    # Searched: a new search starts at page 1, counted against the whole list.
    cocok = semua[semua["kecamatan"] == "Poncokusumo"]
    assert 0 < len(cocok) < n
    _cari(pg, "#tl-cari", "poncokusumo")
    _tunggu(pg, "#tl-keterangan",
            f"Menampilkan 1–{min(25, len(cocok))} dari {len(cocok)} rekomendasi (disaring dari {n}).")
    assert set(_kolom(pg, "#tabel-tl-daftar", 1)) == {"Poncokusumo"}
    assert _kolom(pg, "#tabel-tl-daftar", 3) == list(cocok["teks"][:25])
    assert pg.locator("#tl-halaman .active").inner_text().startswith("1")

    # Another order: by office, the whole list.
    _cari(pg, "#tl-cari", "")
    pg.click("#tl-urut")
    pg.get_by_role("option", name="Urut: Kecamatan").click()
    _tunggu(pg, "#tl-keterangan", f"Menampilkan 1–25 dari {n} rekomendasi.")
    _tunggu_kolom(pg, "#tabel-tl-daftar", 1, sorted(semua["kecamatan"])[:25])

    _cari(pg, "#tl-cari", "tidak ada yang begini")
    pg.get_by_text("Tidak ada rekomendasi yang cocok dengan pencarian.").wait_for()
    assert _kolom(pg, "#tabel-tl-daftar", 1) == []


@pytest.fixture
def pekerjaan_lama(riwayat_engine):
    """30 pieces of work of years long past started in one of Malang's offices, so that its queue needs two pages;
    cancelled after the test (a cancelled piece of work leaves every queue)."""
    from models.perencanaan.pekerjaan import batalkan, mulai_pekerjaan, sop_untuk_dimulai
    from models.tables import User
    from models.umum.penolakan import Ditolak

    dimulai: list[int] = []
    with session_scope(riwayat_engine) as s:
        camat = s.exec(select(User).where(User.role_kode == "camat").where(User.aktif == True)  # noqa: E712
                       .where(col(User.kecamatan_id).in_(_malang(s))).order_by(User.username)).first()
        for sop in sop_untuk_dimulai(s, camat):
            for tahun in range(2001, 2021):
                if len(dimulai) < 30:
                    try:
                        with s.begin_nested():
                            dimulai.append(mulai_pekerjaan(s, sop_id=sop.id, judul=f"Uji daftar {sop.nama} {tahun}",
                                                           tahun=tahun, triwulan=None, oleh=camat).id)
                    except Ditolak:
                        pass
        camat_id = camat.id
    assert len(dimulai) == 30
    yield
    with session_scope(riwayat_engine) as s:
        for i in dimulai:
            batalkan(s, eksekusi_id=i, alasan="Uji selesai", oleh=s.get(User, camat_id))


def test_persetujuan_pages_and_searches_the_queue_in_the_database(halaman_riwayat, riwayat_url, riwayat_engine,
                                                                   pekerjaan_lama):
    with session_scope(riwayat_engine) as s:
        semua = antrian_terbuka(s, kecamatan_ids=_malang(s))
    n = len(semua)
    assert n > 25
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    pg.goto(f"{riwayat_url}/persetujuan")
    _tunggu(pg, "#persetujuan-antrian-keterangan", f"Menampilkan 1–{min(25, n)} dari {n} langkah.")
    # Overdue first, as the whole queue orders it.
    assert _kolom(pg, "#tabel-antrian", 2) == list(semua["judul"][:25])
    # The count per role above is the same queue's.
    jumlah = pg.locator("#tabel-per-peran tbody tr td:last-child").all_inner_texts()
    assert sum(int(x) for x in jumlah) == n

    kantor = semua["kecamatan"].value_counts().index[0]
    cocok = semua[semua["kecamatan"] == kantor]
    _cari(pg, "#persetujuan-antrian-cari", kantor.lower())
    teks = f"Menampilkan 1–{min(25, len(cocok))} dari {len(cocok)} langkah" + (
        f" (disaring dari {n})." if len(cocok) < n else ".")
    _tunggu(pg, "#persetujuan-antrian-keterangan", teks)
    assert set(_kolom(pg, "#tabel-antrian", 1)) == {kantor}
    assert len(cocok) > 25
    pg.locator("#persetujuan-antrian-halaman").get_by_text("2", exact=True).click()
    _tunggu(pg, "#persetujuan-antrian-keterangan", re.sub(r"1–\d+", f"26–{min(50, len(cocok))}", teks))
    assert _kolom(pg, "#tabel-antrian", 2) == list(cocok["judul"][25:50])

    # Ordered by the time received: the longest waiting first.
    _cari(pg, "#persetujuan-antrian-cari", "")
    pg.click("#persetujuan-antrian-urut")
    pg.get_by_role("option", name="Urut: Terlama menunggu").click()
    urut = semua.sort_values(["diterima_pada", "catatan_id"])
    _tunggu_kolom(pg, "#tabel-antrian", 2, list(urut["judul"][:25]))

    _cari(pg, "#persetujuan-antrian-cari", "tidak ada yang begini")
    pg.get_by_text("Tidak ada langkah yang cocok dengan pencarian.").wait_for()
