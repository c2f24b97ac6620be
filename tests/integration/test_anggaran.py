"""The office's DPA: a sub kegiatan added, changed and removed through the rules (every bad input named, nothing
written), the Excel template opened back and re-imported all or nothing, and capaian beside penyerapan per sasaran
worked by hand."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.anggaran import (
    TANPA_SASARAN,
    IsianAnggaran,
    dpa,
    efisiensi_sasaran,
    hapus_anggaran,
    penyerapan_banyak,
    simpan_anggaran,
    versi,
)
from models.perencanaan.anggaran_excel import BARIS_JUDUL, KOLOM, LEMBAR, LEMBAR_SASARAN, baca, simpan, templat
from models.tables import Anggaran, AuditLog
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import indikator, kantor, pengguna, realisasi

S_MUSRENBANG = "Meningkatnya kualitas perencanaan pembangunan partisipatif di kecamatan"
S_ADMINDUK = "Meningkatnya kualitas pelayanan administrasi kependudukan"
S_TRANTIB = "Meningkatnya ketentraman dan ketertiban masyarakat"
S_DESA = "Meningkatnya kualitas penyelenggaraan pemerintahan desa"  # Poncokusumo's own IKU-7
PROGRAM = ("7.01.01", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik")
KEGIATAN = ("7.01.01.2.01", "Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah")


def _isian(kode="7.01.01.2.01.0001", nama="Penyusunan Dokumen Perencanaan Perangkat Daerah", pagu="1.000.000",
           realisasi=(None, None, None, None), sasaran=S_MUSRENBANG, **lain) -> IsianAnggaran:
    return IsianAnggaran(**{"kode_program": PROGRAM[0], "program": PROGRAM[1], "kode_kegiatan": KEGIATAN[0],
                            "kegiatan": KEGIATAN[1], "kode_sub_kegiatan": kode, "sub_kegiatan": nama,
                            "sasaran": sasaran, "pagu": pagu, "realisasi": realisasi, **lain})


def _simpan(engine, isian: IsianAnggaran, *, peran="kasubag_renkeu", kecamatan="Poncokusumo", tahun=2025, **kw):
    with session_scope(engine) as s:
        oleh = pengguna(s, peran=peran, kecamatan=kecamatan)
        row = simpan_anggaran(s, kecamatan_id=kantor(s).id, tahun=tahun, isian=isian, oleh=oleh, **kw)
        return row.id


def _semua(engine) -> list[tuple]:
    with session_scope(engine) as s:
        return [(r.kode_sub_kegiatan, r.pagu, r.realisasi_1, r.realisasi_2, r.realisasi_3, r.realisasi_4, r.sasaran)
                for r in s.exec(select(Anggaran).order_by(Anggaran.kode_sub_kegiatan))]


@pytest.mark.parametrize(("ubah", "pesan"), [
    ({"pagu": "abc"}, 'Pagu "abc" bukan angka; tulis rupiah utuh, mis. 150.000.000.'),
    ({"pagu": "1,5"}, 'Pagu "1,5" bukan rupiah utuh; tulis tanpa sen, mis. 150.000.000.'),
    ({"pagu": "-5000"}, "Pagu tidak boleh negatif."),
    ({"pagu": "0"}, "Pagu harus lebih dari Rp 0."),
    ({"pagu": ""}, "Pagu wajib diisi."),
    ({"kode_program": " "}, "Kode program wajib diisi."),
    ({"sub_kegiatan": None}, "Sub kegiatan wajib diisi."),
    ({"realisasi": ("500.000", "-1", None, None)}, "Realisasi triwulan II tidak boleh negatif."),
    ({"realisasi": ("sepuluh", None, None, None)},
     'Realisasi triwulan I "sepuluh" bukan angka; tulis rupiah utuh, mis. 150.000.000.'),
    ({"realisasi": ("600.000", "600.000", None, None)},
     "Realisasi Rp 1.200.000 melebihi pagu Rp 1.000.000 pada sub kegiatan 7.01.01.2.01.0001 Penyusunan Dokumen "
     "Perencanaan Perangkat Daerah."),
    ({"sasaran": "Meningkatnya kesejahteraan"},
     'Sasaran "Meningkatnya kesejahteraan" bukan sasaran IKU kantor ini; pilih salah satu sasaran IKU atau '
     "kosongkan."),
])
def test_a_bad_row_is_refused_with_the_field_named_and_nothing_written(demo, ubah, pesan):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e:
        _simpan(demo, _isian(**ubah))
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum


def test_a_row_added_changed_and_removed_is_audited_and_grouped_with_its_sums(demo):
    a = _simpan(demo, _isian(realisasi=("200.000", "300.000", None, None)))
    _simpan(demo, _isian(kode="7.01.01.2.01.0002", nama="Evaluasi Kinerja Perangkat Daerah", pagu=3_000_000,
                         realisasi=(None, 600_000, None, None), sasaran=""))
    with session_scope(demo) as s:
        d = dpa(s, kantor(s).id, 2025)
        # Program = kegiatan = 1.000.000 + 3.000.000; TW I 200.000 (the second row's empty quarter is not 0);
        # up to TW II 200.000 + 300.000 + 600.000 = 1.100.000 of 4.000.000 = 27,5 %.
        assert [(p.kode, p.pagu) for p in d.program] == [("7.01.01", 4_000_000)]
        keg = d.program[0].rincian[0]
        assert (keg.kode, keg.pagu, keg.realisasi(1), keg.realisasi_sampai(2)) == ("7.01.01.2.01", 4_000_000,
                                                                                   200_000, 1_100_000)
        assert d.penyerapan(2) == 27.5 and d.realisasi_sampai(1) == 200_000 and d.realisasi(3) is None
        row = s.get(Anggaran, a)
        lama = versi(row)
    with pytest.raises(Ditolak, match="baru saja diubah orang lain"):
        _simpan(demo, _isian(pagu="2.000.000"), anggaran_id=a, diharapkan="2000-01-01T00:00:00.000000")
    _simpan(demo, _isian(pagu="2.000.000", realisasi=("200.000", "300.000", "400.000", None)), anggaran_id=a,
            diharapkan=lama)
    with pytest.raises(Ditolak, match="baru saja diubah orang lain"):  # the version the page held is gone
        _simpan(demo, _isian(pagu="2.500.000"), anggaran_id=a, diharapkan=lama)
    with pytest.raises(Ditolak) as e:  # a second row with the same code
        _simpan(demo, _isian(kode="7.01.01.2.01.0002"), anggaran_id=a)
    assert str(e.value) == "Sub kegiatan 7.01.01.2.01.0002 sudah ada pada DPA 2025; ubah baris itu."
    with pytest.raises(Ditolak) as e:  # one kegiatan code, one name
        _simpan(demo, _isian(kode="7.01.01.2.01.0003", kegiatan="Kegiatan lain"))
    assert str(e.value).startswith('Kode kegiatan 7.01.01.2.01 sudah bernama "Perencanaan, Penganggaran')
    assert _semua(demo)[0] == ("7.01.01.2.01.0001", 2_000_000, 200_000, 300_000, 400_000, None, S_MUSRENBANG)
    with session_scope(demo) as s:
        hapus_anggaran(s, kecamatan_id=kantor(s).id, anggaran_id=a, oleh=pengguna(s, peran="camat"))
        aksi = [x.aksi for x in s.exec(select(AuditLog).where(AuditLog.objek == "anggaran").order_by(AuditLog.id))]
        assert aksi == ["anggaran.buat", "anggaran.buat", "anggaran.ubah", "anggaran.hapus"]
    assert [r[0] for r in _semua(demo)] == ["7.01.01.2.01.0002"]


@pytest.mark.parametrize(("peran", "kecamatan", "pesan"), [
    ("staf", "Poncokusumo", "DPA hanya dapat diubah oleh Camat, Sekretaris Camat, Kasubag Perencanaan dan Keuangan, "
                            "Kasubag Umum atau Kasubag Evapor kantor itu."),
    ("kasi_pem", "Poncokusumo", "DPA hanya dapat diubah oleh Camat"),
    ("camat", "Kalipare", "DPA hanya dapat diubah oleh pegawai kecamatan itu sendiri."),
])
def test_only_the_offices_budget_keepers_write_its_dpa(demo, peran, kecamatan, pesan):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e:
        _simpan(demo, _isian(), peran=peran, kecamatan=kecamatan)
    assert str(e.value).startswith(pesan)
    assert sidik_basis_data(demo) == sebelum


def _lembar(data: bytes, ubah: dict[int, list]) -> bytes:
    """The template with rows set (row number as Excel shows it → the twelve cells)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[LEMBAR]
    for n, isi in ubah.items():
        for i, v in enumerate(isi, start=1):
            ws.cell(row=n, column=i).value = v
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BARIS_A = ["7.01.01", PROGRAM[1], "7.01.01.2.01", KEGIATAN[1], "7.01.01.2.01.0001", "Penyusunan Renja",
           S_MUSRENBANG, 150_000_000, 30_000_000, 45_000_000, None, None]
BARIS_B = ["7.01.02", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "7.01.02.2.01",
           "Fasilitasi Pemberdayaan Masyarakat", "7.01.02.2.01.0003", "Fasilitasi Musrenbang Kecamatan",
           S_MUSRENBANG, "80.000.000", "20.000.000", None, None, None]


def test_the_template_opens_with_the_sasaran_list_and_reimports_all_or_nothing(demo):
    with session_scope(demo) as s:
        kec_id = kantor(s).id
        oleh = pengguna(s, peran="kasubag_renkeu")
        kosong = templat(s, kecamatan_id=kec_id, tahun=2025)
    wb = load_workbook(io.BytesIO(kosong))
    ws = wb[LEMBAR]
    assert [c.value for c in ws[BARIS_JUDUL]] == KOLOM and ws["B2"].value == 2025
    assert [r[0].value for r in wb[LEMBAR_SASARAN].iter_rows()] == [S_MUSRENBANG, S_ADMINDUK, S_TRANTIB, S_DESA]
    dv = ws.data_validations.dataValidation[0]
    assert dv.type == "list" and dv.formula1 == "=Sasaran!$A$1:$A$4" and "G6:G505" in str(dv.sqref)

    # A sheet with two broken rows: each named by its row as Excel numbers it, nothing written.
    rusak = _lembar(kosong, {6: BARIS_A, 7: [*BARIS_B[:7], "abc", *BARIS_B[8:]],
                             8: [*BARIS_A[:4], "7.01.01.2.01.0002", "Rapat koordinasi", None, 1_000_000, 1_200_000,
                                 None, None, None]})
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s:
        pr = baca(s, rusak, kecamatan_id=kec_id, tahun=2025)
        assert pr.masalah == [
            'Baris 7: Pagu "abc" bukan angka; tulis rupiah utuh, mis. 150.000.000.',
            "Baris 8: Realisasi Rp 1.200.000 melebihi pagu Rp 1.000.000 pada sub kegiatan 7.01.01.2.01.0002 Rapat "
            "koordinasi."]
        with pytest.raises(Ditolak) as e:
            simpan(s, rusak, kecamatan_id=kec_id, tahun=2025, oleh=oleh)
    assert str(e.value) == ("2 masalah pada lembar; tidak ada yang disimpan. " + " ".join(pr.masalah))
    assert sidik_basis_data(demo) == sebelum

    bersih = _lembar(kosong, {6: BARIS_A, 7: BARIS_B})
    with session_scope(demo) as s:
        h = simpan(s, bersih, kecamatan_id=kec_id, tahun=2025, oleh=oleh)
        assert (h.baru, h.diubah, h.sama, h.dihapus) == (2, 0, 0, 0)
    assert _semua(demo) == [("7.01.01.2.01.0001", 150_000_000, 30_000_000, 45_000_000, None, None, S_MUSRENBANG),
                            ("7.01.02.2.01.0003", 80_000_000, 20_000_000, None, None, None, S_MUSRENBANG)]

    # The template now holds both rows; one changed, one missing: merged (kept) or replaced (removed).
    with session_scope(demo) as s:
        isi = templat(s, kecamatan_id=kec_id, tahun=2025)
    baris = [[c.value for c in r] for r in load_workbook(io.BytesIO(isi))[LEMBAR].iter_rows(min_row=BARIS_JUDUL + 1)]
    assert [b[4] for b in baris] == ["7.01.01.2.01.0001", "7.01.02.2.01.0003"] and baris[0][7] == 150_000_000
    ubah = _lembar(isi, {6: [*BARIS_A[:10], 50_000_000, None], 7: [None] * 12})
    with session_scope(demo) as s:
        h = simpan(s, ubah, kecamatan_id=kec_id, tahun=2025, oleh=oleh)
        assert (h.baru, h.diubah, h.sama, h.dihapus) == (0, 1, 0, 0)
    assert [r[0] for r in _semua(demo)] == ["7.01.01.2.01.0001", "7.01.02.2.01.0003"]
    assert _semua(demo)[0][4] == 50_000_000
    with session_scope(demo) as s:
        h = simpan(s, ubah, kecamatan_id=kec_id, tahun=2025, oleh=oleh, ganti=True)
        assert (h.baru, h.diubah, h.sama, h.dihapus) == (0, 0, 1, 1)
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "anggaran.impor").order_by(AuditLog.id)).all()
        assert [a.keterangan for a in audit] == [
            "Impor DPA 2025: 2 baru, 0 diubah, 0 tidak berubah, 0 dihapus.",
            "Impor DPA 2025: 0 baru, 1 diubah, 0 tidak berubah, 0 dihapus.",
            "Impor DPA 2025: 0 baru, 0 diubah, 1 tidak berubah, 1 dihapus."]
        # The change keeps what the sub kegiatan held: its quarter III realisation was empty before the import.
        assert audit[1].sebelum == {"dihapus": [], "diubah": {"7.01.01.2.01.0001": {
            "kode_program": "7.01.01", "program": PROGRAM[1], "kode_kegiatan": "7.01.01.2.01",
            "kegiatan": KEGIATAN[1], "kode_sub_kegiatan": "7.01.01.2.01.0001", "sub_kegiatan": "Penyusunan Renja",
            "sasaran": S_MUSRENBANG, "pagu": 150_000_000, "realisasi_1": 30_000_000, "realisasi_2": 45_000_000,
            "realisasi_3": None, "realisasi_4": None}}}
    assert [r[0] for r in _semua(demo)] == ["7.01.01.2.01.0001"]


def test_a_sheet_of_another_year_or_not_a_template_is_refused(demo):
    with session_scope(demo) as s:
        kec_id = kantor(s).id
        data = templat(s, kecamatan_id=kec_id, tahun=2024)
        with pytest.raises(Ditolak, match="Berkas ini DPA tahun 2024, bukan 2025."):
            baca(s, data, kecamatan_id=kec_id, tahun=2025)
        with pytest.raises(Ditolak, match="Lembar tidak berisi baris sub kegiatan."):
            baca(s, data, kecamatan_id=kec_id, tahun=2024)
        with pytest.raises(Ditolak, match="bukan buku kerja Excel"):
            baca(s, b"bukan excel", kecamatan_id=kec_id, tahun=2024)


def test_capaian_beside_penyerapan_per_sasaran_worked_by_hand(demo):
    """IKU-1 (terakhir) 2025, target 90: TW II 45/50 = 90 % → capaian 100 %. IKU-2 (kumulatif), target 80:
    TW I 30/50 + TW II 38/50 → (30 + 38) / (50 + 50) = 68 % → 85 %. IKU-3 has no figure: its sasaran has no capaian.
    DPA: the Musrenbang sasaran has pagu 100.000.000, spent 20.000.000 + 30.000.000 by TW II → 50 %, efficiency
    100 − 50 = +50 points; Adminduk's pagu 40.000.000, spent 34.000.000 → 85 %, efficiency 85 − 85 = 0;
    Trantib's sub kegiatan has nothing entered → penyerapan empty, not 0; one sub kegiatan linked to no sasaran."""
    with session_scope(demo) as s:
        for kode, target in (("IKU-1", 90.0), ("IKU-2", 80.0), ("IKU-3", 75.0)):
            indikator(s, kode=kode, target={2025: target})
        realisasi(s, indikator="IKU-1", tahun=2025, triwulan=2, status="resmi", pembilang="45", penyebut="50")
        realisasi(s, indikator="IKU-2", tahun=2025, triwulan=1, status="resmi", pembilang="30", penyebut="50")
        realisasi(s, indikator="IKU-2", tahun=2025, triwulan=2, status="draf", pembilang="38", penyebut="50")
    _simpan(demo, _isian(pagu=100_000_000, realisasi=(20_000_000, 30_000_000, 40_000_000, None)))
    _simpan(demo, _isian(kode="7.01.01.2.01.0002", nama="Pelayanan Adminduk", pagu=40_000_000,
                         realisasi=(14_000_000, 20_000_000, None, None), sasaran=S_ADMINDUK))
    _simpan(demo, _isian(kode="7.01.01.2.01.0003", nama="Patroli", pagu=10_000_000, sasaran=S_TRANTIB))
    _simpan(demo, _isian(kode="7.01.01.2.01.0004", nama="Rapat staf", pagu=5_000_000, sasaran=None,
                         realisasi=(1_000_000, None, None, None)))
    with session_scope(demo) as s:
        kec_id = kantor(s).id
        hasil = {e.sasaran: e for e in efisiensi_sasaran(s, kec_id, 2025, 2)}
        assert list(hasil) == [S_MUSRENBANG, S_ADMINDUK, S_TRANTIB, S_DESA, TANPA_SASARAN]
        m, a, t, d, x = hasil.values()
        # Poncokusumo's own IKU-7 has no figure in 2025 and no sub kegiatan serves its sasaran: nothing, not 0.
        assert (d.iku, d.capaian, d.pagu, d.realisasi, d.penyerapan, d.efisiensi) == (
            ("IKU-7",), None, None, None, None, None)
        assert (m.iku, m.capaian, m.resmi, m.pagu, m.realisasi, m.penyerapan, m.efisiensi) == (
            ("IKU-1",), 100.0, True, 100_000_000, 50_000_000, 50.0, 50.0)
        assert (a.capaian, a.resmi, a.penyerapan, a.efisiensi) == (85.0, False, 85.0, 0.0)
        assert (t.capaian, t.pagu, t.realisasi, t.penyerapan, t.efisiensi) == (None, 10_000_000, None, None, None)
        assert (x.iku, x.capaian, x.pagu, x.penyerapan, x.efisiensi) == ((), None, 5_000_000, 20.0, None)
        # Quarter I: IKU-1 has no figure; up to TW I Musrenbang spent 20 %.
        q1 = {e.sasaran: e for e in efisiensi_sasaran(s, kec_id, 2025, 1)}
        assert (q1[S_MUSRENBANG].capaian, q1[S_MUSRENBANG].penyerapan) == (None, 20.0)
        assert q1[S_ADMINDUK].capaian == 75.0  # 30/50 = 60 % of 80
        # Kalipare has no DPA: absent from the offices' penyerapan, which Perbandingan shows as "Belum ada DPA".
        kalipare = kantor(s, nama="Kalipare").id
        assert penyerapan_banyak(s, [kec_id, kalipare], 2025, 2) == {kec_id: (155_000_000, 85_000_000)}


def test_two_people_changing_the_same_row_at_once_the_second_is_refused(demo):
    """Both read the row; the first commits; the second's compare-and-set finds the row changed and writes nothing."""
    a = _simpan(demo, _isian(realisasi=("100.000", None, None, None)))
    with session_scope(demo) as s1, session_scope(demo) as s2:
        satu, dua = s1.get(Anggaran, a), s2.get(Anggaran, a)
        v1, v2 = versi(satu), versi(dua)
        assert v1 == v2
        simpan_anggaran(s1, kecamatan_id=satu.kecamatan_id, tahun=2025, anggaran_id=a, diharapkan=v1,
                        isian=_isian(realisasi=("100.000", "200.000", None, None)),
                        oleh=pengguna(s1, peran="camat"))
        s1.commit()
        with pytest.raises(Ditolak) as e:
            simpan_anggaran(s2, kecamatan_id=dua.kecamatan_id, tahun=2025, anggaran_id=a, diharapkan=v2,
                            isian=_isian(realisasi=("100.000", "900.000", None, None)),
                            oleh=pengguna(s2, peran="sekcam"))
        assert str(e.value) == ("Sub kegiatan 7.01.01.2.01.0001 baru saja diubah orang lain; muat ulang lalu periksa "
                                "lagi.")
        s2.rollback()
    assert _semua(demo)[0][2:4] == (100_000, 200_000)


@pytest.mark.parametrize(("kantor_nama", "kabupaten"), [("Poncokusumo", "Malang"),
                                                        ("Muara Papalik", "Tanjung Jabung Barat")])
def test_the_demo_dpa_links_every_sub_kegiatan_to_a_sasaran_and_fills_only_ended_quarters(demo, kantor_nama,
                                                                                         kabupaten):
    import random
    from datetime import date

    from models.perencanaan.anggaran import sasaran_kantor
    from seed.anggaran import buat_dpa

    with session_scope(demo) as s:
        kec = kantor(s, nama=kantor_nama)
        n = buat_dpa(s, kec, kabupaten=kabupaten, tahun=[2024, 2025], hari_ini=date(2025, 8, 15),
                     rng=random.Random(1))
        assert n == 20 and buat_dpa(s, kec, kabupaten=kabupaten, tahun=[2025], hari_ini=date(2025, 8, 15),
                                    rng=random.Random(1)) == 0  # a year already there is left alone
        d25 = dpa(s, kec.id, 2025)
        assert [p.nama for p in d25.program] == ["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                                                 "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                                                 "Program Pemberdayaan Masyarakat Desa dan Kelurahan"]
        assert {r.sasaran for r in d25.baris()} <= set(sasaran_kantor(s, kec.id))
        assert all(40_000_000 <= r.pagu <= 400_000_000 for r in d25.baris())
        # 15 August 2025: quarters I and II have ended, III and IV are not entered; 2024 is whole.
        assert all(r.realisasi_1 and r.realisasi_2 and r.realisasi_3 is None and r.realisasi_4 is None
                   for r in d25.baris())
        assert all(r.realisasi_4 is not None
                   and r.realisasi_1 + r.realisasi_2 + r.realisasi_3 + r.realisasi_4 <= r.pagu
                   for r in dpa(s, kec.id, 2024).baris())
        assert 20 < d25.penyerapan(2) < 50
