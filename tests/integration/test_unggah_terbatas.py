"""Uploads read within bounds counted while they stream: a Word document of thousands of step rows previewed on
Unggah SOP, a workbook row of half a million cells in every import that reads Excel. Each refused with the bound
named, quickly and in little memory, writing nothing; and an SOP document parsed once for the page's three
callbacks."""
from __future__ import annotations

import base64
from collections import OrderedDict
from functools import partial

import pytest

from models.db import session_scope
from models.umum.penolakan import Ditolak
from tests.berkas_jahat import docx_banyak_langkah, docx_seed, ukur, xlsx_lembar, xlsx_satu_baris
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import kantor, nama_pengguna, pengguna

DOCX = "data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,"
XLSX = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
PESAN_SEL = ("Baris 1 lembar kerja berisi lebih dari 200 sel (paling banyak 200 sel per baris); gunakan templat yang "
             "diunduh dari halaman ini.")


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == nama)


_ukur = partial(ukur, tangkap=Ditolak)  # (what the call returned or the refusal it raised, seconds, peak MB)


@pytest.mark.parametrize("langkah,pesan", [
    (11_000, "bom.docx: isi dokumen Word (word/document.xml) lebih dari 8 MB setelah dibuka; paling banyak 8 MB"),
    (2_000, "bom.docx, tabel 2: tabel memuat lebih dari 300 baris; paling banyak 300 per tabel"),
])
def test_a_camat_previewing_a_word_document_of_thousands_of_steps_is_refused_quickly_and_nothing_is_written(
        client, app, demo, langkah, pesan):
    """The issue's attack (11,000 step rows: 15 s, +760 MB and a 27 MB answer per preview) and one under 8 MB of
    XML, previewed by the Camat on Unggah SOP: the bound is named in a short answer."""
    bom = docx_banyak_langkah(langkah)
    masuk(client, nama_pengguna("camat"))
    client.get("/_dash-layout")
    sebelum = sidik_basis_data(demo)
    kunci = _kunci(app, "callbacks.unggah_sop.tampil")
    r, detik, puncak = _ukur(lambda: panggil(client, app, kunci, isi=DOCX + base64.b64encode(bom).decode(),
                                             nama="bom.docx"))
    assert pesan in teks_jawaban(r)
    assert len(r.data) < 20_000
    assert detik < 2 and puncak < 50, (detik, puncak)
    assert sidik_basis_data(demo) == sebelum


def test_the_three_unggah_sop_callbacks_parse_a_document_once(client, app, demo, monkeypatch):
    """Preview, a correction's redraw and save each receive the upload again; the document is parsed once."""
    import models.sop.unggah as unggah

    dibaca: list[str] = []
    asli = unggah.baca_berkas

    def baca_berkas(nama, data, **kw):
        dibaca.append(nama)
        return asli(nama, data, **kw)

    monkeypatch.setattr(unggah, "baca_berkas", baca_berkas)
    monkeypatch.setattr(unggah, "_bacaan", OrderedDict())
    isi = DOCX + base64.b64encode(docx_seed()).decode()
    with session_scope(demo) as s:
        kec = kantor(s).id
    masuk(client, nama_pengguna("admin"))
    client.get("/_dash-layout")
    tampil = panggil(client, app, _kunci(app, "callbacks.unggah_sop.tampil"), isi=isi, nama="sop.docx", kantor=kec)
    assert "1 prosedur terbaca" in teks_jawaban(tampil)
    koreksi = panggil(client, app, _kunci(app, "callbacks.unggah_sop.koreksi"), nilai=[["Camat"]],
                      nilai_kembali=[], ident=[{"type": "unggah-pelaksana", "p": 0, "l": 1}], ident_kembali=[],
                      isi=isi, nama="sop.docx", kantor=kec)
    assert koreksi.status_code in (200, 204)
    simpan = panggil(client, app, _kunci(app, "callbacks.unggah_sop.simpan_semua"), isi=isi, nama="sop.docx",
                     kantor=kec, nilai=[], ident=[], nilai_kembali=[], ident_kembali=[])
    assert simpan.status_code == 200
    assert dibaca == ["sop.docx"]


def test_a_reading_kept_for_the_next_callback_is_a_copy_and_the_cache_is_bounded(monkeypatch):
    import models.sop.unggah as unggah
    from models.sop.dokumen import DokumenTidakTerbaca

    monkeypatch.setattr(unggah, "_bacaan", OrderedDict())
    data = docx_seed()
    pertama = unggah.baca_sekali("a.docx", data)
    pertama[0].kecamatan = "Diubah"
    pertama[0].langkah.clear()
    kedua = unggah.baca_sekali("a.docx", data)
    assert kedua[0].kecamatan != "Diubah" and kedua[0].langkah
    rusak = data[: len(data) // 2]
    for _ in range(2):
        with pytest.raises(DokumenTidakTerbaca) as e:
            unggah.baca_sekali("r.docx", rusak)
        assert str(e.value) == "r.docx: berkas bukan dokumen Word (.docx) yang utuh"
    for n in range(unggah.MAKS_BACAAN_TERSIMPAN + 5):  # refusals are kept too, as their parts
        with pytest.raises(DokumenTidakTerbaca):
            unggah.baca_sekali(f"{n}.txt", b"Bukan prosedur\n")
    assert len(unggah._bacaan) == unggah.MAKS_BACAAN_TERSIMPAN


def test_a_row_of_half_a_million_cells_is_refused_by_every_import_that_reads_excel(demo):
    """Isi Realisasi, Impor Pegawai, the targets' and the budget's templates all read through
    models.umum.lembar_kerja.buka_xlsx: each refuses the row (today: 2.5 s and +226 MB per request) before
    openpyxl builds it, and writes nothing."""
    from models.akun.impor_pegawai import baca_pegawai, simpan_pegawai
    from models.kinerja import excel
    from models.perencanaan import anggaran_excel, target_excel

    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s:
        kec = kantor(s).id
        kabupaten = pengguna(s, peran="kabupaten")
        evapor = pengguna(s, peran="kasubag_evapor")
        panggilan = {
            "realisasi": lambda d: excel.baca(s, d, kecamatan_id=kec, tahun=2025, triwulan=2),
            "target": lambda d: target_excel.impor(s, d, kecamatan_id=kec, oleh=evapor, tahun=2025),
            "anggaran": lambda d: anggaran_excel.baca(s, d, kecamatan_id=kec, tahun=2025),
            "anggaran.simpan": lambda d: anggaran_excel.simpan(s, d, kecamatan_id=kec, tahun=2025, oleh=evapor),
            "pegawai.simpan": lambda d: simpan_pegawai(s, d, kecamatan_id=kec, oleh=kabupaten),
        }
        lembar = {"target": target_excel.LEMBAR, "anggaran": anggaran_excel.LEMBAR,
                  "anggaran.simpan": anggaran_excel.LEMBAR}
        for nama, fungsi in panggilan.items():
            bom = xlsx_satu_baris(500_000, lembar=lembar.get(nama))
            galat, detik, puncak = _ukur(lambda f=fungsi, b=bom: f(b))
            assert str(galat) == (f"Belum ada akun yang dibuat: {PESAN_SEL} Perbaiki lembarnya lalu unggah lagi."
                                  if nama == "pegawai.simpan" else PESAN_SEL), nama
            assert detik < 2 and puncak < 50, (nama, detik, puncak)
        bom = xlsx_satu_baris(500_000)
        pr, detik, puncak = _ukur(lambda: baca_pegawai(s, bom, kecamatan_id=kec, oleh=kabupaten))
        assert pr.semua_masalah == [PESAN_SEL] and not pr.baris
        assert detik < 2 and puncak < 50, (detik, puncak)
        s.rollback()
    assert sidik_basis_data(demo) == sebelum


def test_the_row_bound_and_the_shared_texts_bound_are_named(demo):
    from models.kinerja import excel

    with session_scope(demo) as s:
        kec = kantor(s).id
        for bom, pesan in (
            (xlsx_lembar("".join(f'<row r="{n}"/>' for n in range(1, 10_002))),
             "Lembar kerja berisi lebih dari 10.000 baris (paling banyak 10.000 baris per lembar); gunakan templat "
             "yang diunduh dari halaman ini."),
            (xlsx_lembar("", teks_bersama=100_001),
             "Berkas Excel berisi lebih dari 100.000 teks (paling banyak 100.000 teks); gunakan templat yang "
             "diunduh dari halaman ini."),
        ):
            galat, detik, puncak = _ukur(lambda b=bom: excel.baca(s, b, kecamatan_id=kec, tahun=2025, triwulan=2))
            assert str(galat) == pesan
            assert detik < 2 and puncak < 50, (detik, puncak)
        # At the bounds: read (and refused only for not being the template).
        with pytest.raises(Ditolak) as e:
            excel.baca(s, xlsx_lembar('<row r="1">' + "<c/>" * 200 + "</row>" + "".join(
                f'<row r="{n}"/>' for n in range(2, 10_001)), teks_bersama=100_000),
                kecamatan_id=kec, tahun=2025, triwulan=2)
        assert str(e.value) == f"Baris judul (baris {excel.BARIS_JUDUL}) tidak sesuai templat; unduh templat baru."


def test_impor_pegawai_and_isi_realisasi_show_the_bound_on_the_page_and_write_nothing(client, app, demo):
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s:
        kec = kantor(s).id
    isi = XLSX + base64.b64encode(xlsx_satu_baris(500_000)).decode()
    r, detik, puncak = _ukur(lambda: panggil(client, app, _kunci(app, "callbacks.pegawai.pratinjau"), isi=isi,
                                             kecamatan=kec))
    assert PESAN_SEL in teks_jawaban(r)
    assert detik < 2 and puncak < 50, (detik, puncak)
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/_dash-layout")
    r, detik, puncak = _ukur(lambda: panggil(client, app, _kunci(app, "callbacks.realisasi.pratinjau"), isi=isi,
                                             nama="bom.xlsx", periode={"tahun": 2025, "triwulan": 2}))
    assert teks_jawaban(r).startswith("bom.xlsx: " + PESAN_SEL)
    assert detik < 2 and puncak < 50, (detik, puncak)
    assert sidik_basis_data(demo) == sebelum


def test_a_workbook_part_protected_by_a_password_is_refused_with_a_message():
    from models.umum.lembar_kerja import buka_xlsx
    from tests.berkas_jahat import bersandi

    with pytest.raises(Ditolak) as e:
        buka_xlsx(bersandi(xlsx_satu_baris(3), "xl/worksheets/sheet1.xml"))
    assert str(e.value) == "Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca."
