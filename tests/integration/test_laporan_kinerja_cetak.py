"""The LKj of Poncokusumo 2023 (the data and hand-worked numbers of tests/integration/test_laporan_kinerja.py) read
back from its Word file (python-docx) and its PDF (pypdf); the print routes' access."""
from __future__ import annotations

import copy
import io
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from models.db import session_scope
from models.perencanaan.cetak_lkj import BAB, docx_lkj, pdf_lkj
from models.perencanaan.laporan_kinerja import simpan_teks, susun_lkj
from tests.conftest import masuk
from tests.fabrik import kantor, pengguna
from tests.integration import test_laporan_kinerja as dasar

TAHUN = dasar.TAHUN
tahun_kerja = dasar.tahun_kerja  # the fixture: the data of that module's docstring

DICETAK = date(2024, 2, 15)


def _lkj(engine, kec_id: int):
    with session_scope(engine) as s:
        simpan_teks(s, kecamatan_id=kec_id, tahun=TAHUN, bagian="profil", indikator_id=None,
                    isi="Kecamatan Poncokusumo terletak di lereng Gunung Semeru.", oleh=pengguna(s, peran="sekcam"))
        return susun_lkj(s, kec_id, TAHUN, dicetak=DICETAK)


def _teks_docx(data: bytes) -> tuple[list[str], list[list[list[str]]], int, Document]:
    doc = Document(io.BytesIO(data))
    par = [p.text for p in doc.paragraphs]
    tabel = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    return par, tabel, len(doc.inline_shapes), doc


def test_the_word_file_holds_the_chapters_each_iku_with_its_trend_the_benchmark_and_the_budget(tahun_kerja, demo):
    lkj = _lkj(demo, tahun_kerja)
    par, tabel, gambar, doc = _teks_docx(docx_lkj(lkj, dicetak=DICETAK))
    judul = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert judul == list(BAB)  # BAB I PENDAHULUAN … BAB IV PENUTUP, LAMPIRAN
    assert "Kecamatan Poncokusumo terletak di lereng Gunung Semeru." in par
    teks = "\n".join(par)
    # IKU-1: the year, the Renstra, the benchmark, as worked by hand
    assert "a. Target dan realisasi 2023: target 90%, realisasi 90,00%, capaian 100,00% (Sangat Baik)." in par
    assert "c. Terhadap target akhir Renstra 2019–2023: target 95%, capaian 94,74%." in par
    assert ("d. Pembanding Kabupaten Malang: median capaian 100,00%, capaian tertinggi 106,67%; peringkat 2 dari 3 "
            "kecamatan yang memiliki capaian, selisih dari median 0,00 poin.") in par
    # its five-year trend: table and chart
    tren = next(t for t in tabel if t[0] == ["Tahun", "Target", "Realisasi", "Capaian", "Keterangan"]
                and [r[0] for r in t[1:]] == ["2019", "2020", "2021", "2022", "2023"])
    assert [r[3] for r in tren[1:]] == ["90,00%", "-", "94,12%", "97,73%", "100,00%"]
    assert tren[2][4].startswith("Belum ada realisasi")
    assert gambar == sum(1 for i in lkj.iku if i.tren)
    # IKU-2: a target and no figure, empty not zero
    assert "a. Target dan realisasi 2023: target 95%, realisasi -, capaian - (Belum ada realisasi (triwulan I " \
           "belum ada realisasi yang disetujui))." in par
    # efficiency of IKU-1's sasaran, and the budget table
    assert ("Efisiensi sumber daya: capaian rata-rata sasaran 100,00% dengan penyerapan anggaran 90,00% "
            "(Rp 36.000.000 dari pagu Rp 40.000.000); selisih 10,00 poin.") in par
    anggaran = next(t for t in tabel if t[0] == ["Kode", "Program / Kegiatan", "Pagu", "Realisasi", "Penyerapan"]
                    and t[-1][1] == "Jumlah")
    assert anggaran[-1] == ["", "Jumlah", "Rp 60.000.000", "Rp 48.000.000", "80,00%"]
    assert ["5.01.01.2.02", "   Kegiatan uji 02", "Rp 20.000.000", "Rp 12.000.000", "60,00%"] in anggaran
    # the signature block, the draft mark, page numbers in the footer
    assert "CAMAT PONCOKUSUMO" in par and "Poncokusumo, 15 Februari 2024" in par
    assert "DRAF — belum direviu dan belum ditandatangani" in teks
    assert "PAGE" in doc.sections[1].footer.paragraphs[0]._p.xml


def test_the_pdf_holds_the_chapters_on_several_pages(tahun_kerja, demo):
    lkj = _lkj(demo, tahun_kerja)
    pdf = PdfReader(io.BytesIO(pdf_lkj(lkj, dicetak=DICETAK)))
    teks = "\n".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) > 1
    for bab in BAB:
        assert bab in teks
    assert "DAFTAR ISI" in teks and "LAPORAN KINERJA" in teks
    assert "100,00%" in teks and "106,67%" in teks and "Rp 60.000.000" in teks
    assert f"Halaman 2 dari {len(pdf.pages)}" in teks


@pytest.mark.parametrize("akhiran", ["docx", "pdf"])
def test_the_print_routes_serve_the_own_office_and_refuse_another(app, client, demo, akhiran):
    with session_scope(demo) as s:
        ponco, kalipare = kantor(s).id, kantor(s, nama="Kalipare").id
        muara = kantor(s, nama="Muara Papalik").id
    assert client.get(f"/cetak/lkj/{ponco}/2025.{akhiran}").status_code == 302  # not signed in: to the login
    masuk(client, "camat.poncokusumo")
    r = client.get(f"/cetak/lkj/{ponco}/2025.{akhiran}")
    assert r.status_code == 200
    assert r.data[:4] == (b"%PDF" if akhiran == "pdf" else b"PK\x03\x04")
    assert "laporan-kinerja-poncokusumo-2025" in r.headers["Content-Disposition"]
    assert client.get(f"/cetak/lkj/{kalipare}/2025.{akhiran}").status_code == 403
    assert client.get(f"/cetak/lkj/999999/2025.{akhiran}").status_code in (403, 404)
    client.post("/logout")
    masuk(client, "kabupaten.malang")
    assert client.get(f"/cetak/lkj/{kalipare}/2025.{akhiran}").status_code == 200
    assert client.get(f"/cetak/lkj/{muara}/2025.{akhiran}").status_code == 403


def test_the_lkj_runs_waiting_step_carries_the_word_file_and_the_pdf(tahun_kerja, demo, tmp_path):
    from models.perencanaan.keluaran_kinerja import lampirkan_dokumen_kinerja
    from models.sop.alur import catatan_terbuka
    from tests.fabrik import pekerjaan

    with session_scope(demo) as s:
        eks = pekerjaan(s, sop="Penyusunan Laporan Kinerja (LKj)", tahun=TAHUN)
        rec = catatan_terbuka(s, eks.id)
        berkas = lampirkan_dokumen_kinerja(s, catatan_id=rec.id, oleh=pengguna(s, peran="camat"), folder=tmp_path)
        assert [(b.nama_berkas, b.pemilik_jenis, b.pemilik_id) for b in berkas] == [
            ("Laporan_Kinerja_Poncokusumo_2023.docx", "catatan_langkah", rec.id),
            ("Laporan_Kinerja_Poncokusumo_2023.pdf", "catatan_langkah", rec.id)]
        lokasi = tmp_path / berkas[0].lokasi
    assert [p.text for p in Document(str(lokasi)).paragraphs if p.style.name == "Heading 1"] == list(BAB)


@pytest.mark.parametrize("akhiran", ["docx", "pdf"])
def test_a_print_route_composes_the_lkj_s_text_and_charts_once(app, client, demo, akhiran, monkeypatch):
    import models.perencanaan.cetak_lkj as cetak_lkj

    asli, panggilan = cetak_lkj.naskah, []

    def naskah(*a, **kw):
        panggilan.append(1)
        return asli(*a, **kw)

    monkeypatch.setattr(cetak_lkj, "naskah", naskah)
    monkeypatch.setattr("dashboard.web.cetak.naskah_lkj", naskah)
    with session_scope(demo) as s:
        ponco = kantor(s).id
    masuk(client, "camat.poncokusumo")
    r = client.get(f"/cetak/lkj/{ponco}/2025.{akhiran}")
    assert r.status_code == 200 and "laporan-kinerja-poncokusumo-2025" in r.headers["Content-Disposition"]
    assert len(panggilan) == 1


def test_a_trend_chart_is_drawn_once_for_the_same_figures_and_again_for_other_figures(tahun_kerja, demo, monkeypatch):
    import dataclasses

    import models.perencanaan.cetak_lkj as cetak_lkj

    lkj = _lkj(demo, tahun_kerja)
    iku = next(i for s in lkj.sasaran for i in s.iku if any(t.ukuran.capaian is not None for t in i.tren))
    cetak_lkj._grafik_tren.cache_clear()
    pertama = cetak_lkj.grafik_tren(iku)
    digambar = []
    asli = cetak_lkj.Image.new
    monkeypatch.setattr(cetak_lkj.Image, "new", lambda *a, **kw: digambar.append(1) or asli(*a, **kw))
    assert cetak_lkj.grafik_tren(copy.deepcopy(iku)) == pertama and digambar == []
    t = next(t for t in iku.tren if t.ukuran.capaian is not None)
    lain = dataclasses.replace(iku, tren=[dataclasses.replace(x, ukuran=dataclasses.replace(
        x.ukuran, capaian=x.ukuran.capaian + 10)) if x is t else x for x in iku.tren])
    assert cetak_lkj.grafik_tren(lain) != pertama and digambar == [1]
