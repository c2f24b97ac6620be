"""The Laporan Kinerja of Poncokusumo 2023 assembled from the engines, worked by hand; the office's passages (who
may write them, what is refused, carried over, locked once signed); the reviu and the Camat's signature, alone and
through the office's LKj SOP.

The data (official figures; IKU-1 is the kabupaten's shared "terakhir" ratio, p/50 × 100, target per year):

  Poncokusumo IKU-1   2019 target 80  Q1–Q4 30, 32, 34, 36  → R = 72;  72 / 80 = 90,00 %
                      2020 target 82  no figures            → "Belum ada realisasi" (empty, not 0)
                      2021 target 85  36, 38, 39, 40        → R = 80;  80 / 85 = 94,12 %
                      2022 target 88  40, 41, 42, 43        → R = 86;  86 / 88 = 97,73 %
                      2023 target 90  40, 42, 44, 45        → R = 90;  90 / 90 = 100,00 %
                      Renstra 2019–2023 end target 95       → 90 / 95 = 94,74 %
  Kalipare    IKU-1   2023 target 90  46, 46, 47, 48        → R = 96;  96 / 90 = 106,67 %
  Karangploso IKU-1   2023 target 90  38, 39, 40, 40        → R = 80;  80 / 90 = 88,89 %
  Benchmark 2023 (the three Malang offices with a capaian): sorted 88,89 / 100,00 / 106,67
      median 100,00 %, highest 106,67 %, Poncokusumo ranks 2 of 3.
  Poncokusumo IKU-2   2023 target 95, no figures             → capaian empty, "Belum ada realisasi".

  DPA 2023 of Poncokusumo (whole rupiah; quarters not cumulative):
      5.01.01 / 5.01.01.2.01 sub 0001, IKU-1's sasaran, pagu 40.000.000, spent 8, 10, 9, 9 million → 36.000.000
      5.01.01 / 5.01.01.2.02 sub 0001, IKU-2's sasaran, pagu 20.000.000, spent 4, 4, 4, - million  → 12.000.000
  Efficiency of IKU-1's sasaran: capaian 100,00 % beside penyerapan 36 / 40 = 90,00 % (difference +10 points).
  Realisasi Anggaran: program 5.01.01 pagu 60.000.000, realisasi 48.000.000, penyerapan 80,00 %;
      kegiatan .01: 40.000.000 / 36.000.000 / 90,00 %;  kegiatan .02: 20.000.000 / 12.000.000 / 60,00 %.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from models.db import session_scope
from models.kinerja.iku import iku_kantor, tetapkan_target
from models.kinerja.mesin import nilai_realisasi
from models.perencanaan.dokumen_kinerja import tetapkan_target_renstra
from models.perencanaan.laporan_kinerja import (
    BELUM_REALISASI,
    MAKS_TEKS,
    keterangan,
    langkah_terkunci,
    laporan,
    reviu,
    run_lkj,
    simpan_teks,
    susun_lkj,
    tandatangani,
    tindakan_lkj,
)
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import (
    Anggaran,
    AuditLog,
    Eksekusi,
    Indikator,
    Kabupaten,
    Lampiran,
    LaporanKinerja,
    Realisasi,
    SopLangkah,
    TeksLkj,
    User,
)
from models.umum import periode
from models.umum.penolakan import Ditolak
from tests.fabrik import kantor, pekerjaan, pengguna

TAHUN = 2023
SASARAN_1 = "Meningkatnya kualitas perencanaan pembangunan partisipatif di kecamatan"
SASARAN_2 = "Meningkatnya kualitas pelayanan administrasi kependudukan"
# office -> year -> (target, quarters' numerators over 50, or None for no figures)
IKU1 = {
    "Poncokusumo": {2019: (80, (30, 32, 34, 36)), 2020: (82, None), 2021: (85, (36, 38, 39, 40)),
                    2022: (88, (40, 41, 42, 43)), 2023: (90, (40, 42, 44, 45))},
    "Kalipare": {2023: (90, (46, 46, 47, 48))},
    "Karangploso": {2023: (90, (38, 39, 40, 40))},
}
PDF_TTD = b"%PDF-1.4\n% LKj ditandatangani (uji)\n%%EOF\n"


@pytest.fixture
def tahun_kerja(demo):
    """The data of the module docstring; returns Poncokusumo's id."""
    with session_scope(demo) as s:
        for nama, per_tahun in IKU1.items():
            kec = kantor(s, nama=nama)
            camat = pengguna(s, peran="camat", kecamatan=nama)
            iku = {i.kode: i for i in iku_kantor(s, kec.id)}
            for th, (target, angka) in per_tahun.items():
                tetapkan_target(s, indikator_id=iku["IKU-1"].id, kecamatan_id=kec.id, tahun=th, nilai=target,
                                oleh=camat, alasan="Perjanjian Kinerja")
                for n, p in enumerate(angka or (), start=1):
                    s.add(Realisasi(indikator_id=iku["IKU-1"].id, kecamatan_id=kec.id, tahun=th, triwulan=n,
                                    pembilang=p, penyebut=50, nilai=nilai_realisasi(p, 50), status="resmi"))
        kec = kantor(s)
        camat = pengguna(s, peran="camat")
        iku = {i.kode: i for i in iku_kantor(s, kec.id)}
        tetapkan_target(s, indikator_id=iku["IKU-2"].id, kecamatan_id=kec.id, tahun=TAHUN, nilai=95, oleh=camat,
                        alasan="Perjanjian Kinerja")
        tetapkan_target_renstra(s, indikator_id=iku["IKU-1"].id, kecamatan_id=kec.id, tahun_awal=2019,
                                tahun_akhir=2023, nilai=95, oleh=camat)
        for keg, sasaran, pagu, uang in (("01", SASARAN_1, 40_000_000, (8, 10, 9, 9)),
                                         ("02", SASARAN_2, 20_000_000, (4, 4, 4, None))):
            s.add(Anggaran(kecamatan_id=kec.id, tahun=TAHUN, kode_program="5.01.01",
                           program="Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                           kode_kegiatan=f"5.01.01.2.{keg}", kegiatan=f"Kegiatan uji {keg}",
                           kode_sub_kegiatan=f"5.01.01.2.{keg}.0001", sub_kegiatan=f"Sub kegiatan uji {keg}",
                           sasaran=sasaran, pagu=pagu,
                           **{f"realisasi_{n}": (x * 1_000_000 if x is not None else None)
                              for n, x in enumerate(uang, start=1)}))
        return kec.id


def _lkj(engine, kec_id: int):
    with session_scope(engine) as s:
        return susun_lkj(s, kec_id, TAHUN)


def test_the_report_carries_the_engines_numbers_for_each_analysis(tahun_kerja, demo):
    lkj = _lkj(demo, tahun_kerja)
    iku1 = next(i for i in lkj.iku if i.kode == "IKU-1")
    # 1. target against realisasi
    assert (iku1.target, iku1.tahun.realisasi, round(iku1.tahun.capaian, 2)) == (90, 90, 100.0)
    # 2. the years before: five, the empty year empty
    assert [t.tahun for t in iku1.tren] == [2019, 2020, 2021, 2022, 2023]
    assert [None if t.ukuran.capaian is None else round(t.ukuran.capaian, 2) for t in iku1.tren] == \
        [90.0, None, 94.12, 97.73, 100.0]
    assert iku1.tren[1].ukuran.realisasi is None and keterangan(iku1.tren[1].ukuran).startswith(BELUM_REALISASI)
    # 3. the Renstra's end-of-period target
    assert (iku1.renstra, iku1.target_renstra, round(iku1.terhadap_renstra.capaian, 2)) == ("2019–2023", 95, 94.74)
    # 4. the benchmark: the kabupaten's three offices
    p = iku1.pembanding
    assert (round(p.median, 2), round(p.tertinggi, 2), p.posisi.peringkat, p.posisi.jumlah) == (100.0, 106.67, 2, 3)
    # an office's own indicator is not compared
    assert next(i for i in lkj.iku if i.kode == "IKU-7").pembanding is None
    # IKU-2: a target, no figure → empty, never 0
    iku2 = next(i for i in lkj.iku if i.kode == "IKU-2")
    assert (iku2.target, iku2.tahun.realisasi, iku2.tahun.capaian) == (95, None, None)
    assert keterangan(iku2.tahun).startswith(BELUM_REALISASI)
    # 6. efficiency and 7. the programs serving the sasaran
    s1 = next(s for s in lkj.sasaran if s.sasaran == SASARAN_1)
    e = s1.efisiensi
    assert (round(e.capaian, 2), e.pagu, e.realisasi, round(e.penyerapan, 2), round(e.efisiensi, 2)) == \
        (100.0, 40_000_000, 36_000_000, 90.0, 10.0)
    assert [(b.tingkat, b.kode, b.pagu, b.realisasi) for b in s1.program] == [
        ("program", "5.01.01", 40_000_000, 36_000_000), ("kegiatan", "5.01.01.2.01", 40_000_000, 36_000_000)]
    # Bab III B: the whole DPA
    assert [(b.kode, b.pagu, b.realisasi, round(b.penyerapan, 2)) for b in lkj.anggaran] == [
        ("5.01.01", 60_000_000, 48_000_000, 80.0), ("5.01.01.2.01", 40_000_000, 36_000_000, 90.0),
        ("5.01.01.2.02", 20_000_000, 12_000_000, 60.0)]
    assert (lkj.pagu, lkj.realisasi, round(lkj.penyerapan, 2)) == (60_000_000, 48_000_000, 80.0)
    # Bab II: the Renstra's indicators and the year's PK (a draft: none signed)
    r1 = next(r for r in lkj.renstra if r.sasaran == SASARAN_1)
    assert [(i.kode, i.periode, i.target_akhir) for i in r1.indikator] == [("IKU-1", "2019–2023", 95)]
    assert lkj.pk["status"] == "draf" and lkj.pk["tahun"] == TAHUN
    # Lampiran: the same engine's Pengukuran Kinerja table
    assert next(b for b in lkj.pengukuran.baris if b.kode == "IKU-1").tahun.capaian == iku1.tahun.capaian


def test_bab_i_carries_over_the_latest_earlier_year_marked_as_carried_over(tahun_kerja, demo):
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor")
        simpan_teks(s, kecamatan_id=tahun_kerja, tahun=2021, bagian="profil", indikator_id=None,
                    isi="Profil 2021.", oleh=evapor)
        simpan_teks(s, kecamatan_id=tahun_kerja, tahun=2022, bagian="profil", indikator_id=None,
                    isi="Profil 2022.", oleh=evapor)
        simpan_teks(s, kecamatan_id=tahun_kerja, tahun=2022, bagian="simpulan", indikator_id=None,
                    isi="Simpulan 2022.", oleh=evapor)
        simpan_teks(s, kecamatan_id=tahun_kerja, tahun=TAHUN, bagian="struktur", indikator_id=None,
                    isi="Struktur 2023.", oleh=evapor)
    lkj = _lkj(demo, tahun_kerja)
    bab1 = {t.bagian: t for t in lkj.bab1}
    assert (bab1["profil"].isi, bab1["profil"].tahun_asal, bab1["profil"].dibawa) == ("Profil 2022.", 2022, True)
    assert (bab1["struktur"].isi, bab1["struktur"].dibawa, bab1["struktur"].oleh) == \
        ("Struktur 2023.", False, "Kasubag Evapor Poncokusumo")
    assert bab1["isu_strategis"].isi is None
    assert {t.bagian: t.isi for t in lkj.bab4}["simpulan"] is None  # Bab IV does not carry over


def _jumlah(engine) -> int:
    """Passages of the report's year (the demo load writes Bab I of other years)."""
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(TeksLkj).where(TeksLkj.tahun == TAHUN)).one()


@pytest.mark.parametrize("ubah, pesan", [
    ({"bagian": "pengantar"}, 'Bagian "pengantar" tidak dikenal dalam Laporan Kinerja.'),
    ({"isi": "x" * (MAKS_TEKS + 1)},
     "Gambaran umum dan profil kecamatan paling panjang 20.000 karakter; sekarang 20.001."),
    ({"oleh": ("kasubag_evapor", "Kalipare")}, "Teks Laporan Kinerja hanya dapat ditulis oleh pegawai kecamatan itu "
                                               "sendiri."),
    ({"oleh": ("kabupaten", None)}, "Teks Laporan Kinerja hanya dapat ditulis oleh pegawai kecamatan itu sendiri."),
    ({"bagian": "penyebab"}, "Penyebab keberhasilan atau kegagalan ditulis per IKU; pilih IKU-nya."),
    ({"indikator_id": "IKU-1"}, "Gambaran umum dan profil kecamatan berlaku untuk seluruh laporan, bukan per IKU."),
    ({"tahun": 1999}, "Tahun tidak sah."),
])
def test_a_refused_passage_writes_nothing_and_says_why(tahun_kerja, demo, ubah, pesan):
    with session_scope(demo) as s:
        iku1 = next(i for i in iku_kantor(s, tahun_kerja) if i.kode == "IKU-1")
        peran, tempat = ubah.get("oleh", ("kasubag_evapor", "Poncokusumo"))
        oleh = pengguna(s, peran=peran, kecamatan=tempat or "Poncokusumo")
        arg = {"kecamatan_id": tahun_kerja, "tahun": TAHUN, "bagian": "profil", "indikator_id": None,
               "isi": "Teks.", **{k: v for k, v in ubah.items() if k != "oleh"}, "oleh": oleh}
        if arg["indikator_id"] == "IKU-1":
            arg["indikator_id"] = iku1.id
        with pytest.raises(Ditolak) as e:
            simpan_teks(s, **arg)
    assert str(e.value) == pesan
    assert _jumlah(demo) == 0


def test_a_passage_names_an_iku_of_the_office(tahun_kerja, demo):
    with session_scope(demo) as s:
        lain = next(i for i in iku_kantor(s, kantor(s, nama="Muara Papalik").id))
        with pytest.raises(Ditolak) as e:
            simpan_teks(s, kecamatan_id=tahun_kerja, tahun=TAHUN, bagian="upaya", indikator_id=lain.id,
                        isi="Upaya.", oleh=pengguna(s, peran="camat"))
    assert str(e.value) == "Indikator ini tidak ada dalam IKU kantor Anda."


def test_writing_changing_and_emptying_a_passage_is_audited(tahun_kerja, demo):
    with session_scope(demo) as s:
        iku1 = next(i for i in iku_kantor(s, tahun_kerja) if i.kode == "IKU-1")
        oleh = pengguna(s, peran="sekcam")
        for isi in ("Musrenbangcam diikuti seluruh delegasi.", "Musrenbangcam diikuti delegasi desa.", ""):
            simpan_teks(s, kecamatan_id=tahun_kerja, tahun=TAHUN, bagian="penyebab", indikator_id=iku1.id, isi=isi,
                        oleh=oleh)
    with session_scope(demo) as s:
        aksi = s.exec(select(AuditLog.aksi).where(AuditLog.objek == "teks_lkj").where(AuditLog.username == "sekcam.poncokusumo")
                      .order_by(AuditLog.id)).all()
    assert aksi == ["teks_lkj.tulis", "teks_lkj.ubah", "teks_lkj.hapus"]
    assert _jumlah(demo) == 0


def _sampai_terkunci(s, eks: Eksekusi, oleh: User, pada: datetime) -> str:
    """Carry the run forward as the Camat until a step is locked; returns the lock's message."""
    for _ in range(30):
        rec = catatan_terbuka(s, eks.id)
        assert rec is not None
        if (alasan := langkah_terkunci(s, eks, rec)) is not None:
            return alasan
        lk = s.get(SopLangkah, rec.langkah_id)
        if lk.keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=oleh, pada=pada)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=oleh, pada=pada)
    raise AssertionError("tidak pernah terkunci")


@pytest.fixture
def hari_ini():
    periode.atur_hari_ini(date(2024, 3, 1))
    yield
    periode.atur_hari_ini(None)


def test_the_sop_run_waits_for_the_reviu_and_ends_only_with_the_signature(tahun_kerja, demo, tmp_path: Path,
                                                                           hari_ini):
    pada = datetime(2024, 2, 10, 2, 0, tzinfo=timezone.utc)
    with session_scope(demo) as s:
        camat, sekcam = pengguna(s, peran="camat"), pengguna(s, peran="sekcam")
        simpan_teks(s, kecamatan_id=tahun_kerja, tahun=TAHUN, bagian="simpulan", indikator_id=None,
                    isi="Target tercapai.", oleh=camat)
        # Without the run, the Camat may not sign (the office has the LKj SOP)
        reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Lengkap.", oleh=sekcam, pada=pada)
        with pytest.raises(Ditolak, match="mulai SOP-nya untuk tahun 2023 di halaman Pekerjaan"):
            tandatangani(s, kecamatan_id=tahun_kerja, tahun=TAHUN, nama_berkas="lkj.pdf", data=PDF_TTD,
                         tanggal="20 Februari 2024", oleh=camat, folder=tmp_path, pada=pada)
    with session_scope(demo) as s:
        camat = pengguna(s, peran="camat")
        eks = pekerjaan(s, sop="Penyusunan Laporan Kinerja (LKj)", tahun=TAHUN, pada=pada)
        alasan = _sampai_terkunci(s, eks, camat, pada)
        assert alasan == ("Langkah ini selesai ketika Camat melampirkan scan Laporan Kinerja yang ditandatangani di "
                          "halaman Laporan Kinerja.")
        rec = catatan_terbuka(s, eks.id)
        assert rec.role_kode == "camat"
        with pytest.raises(Ditolak, match="Langkah ini selesai ketika Camat"):
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=pada)
        eks_id = eks.id
    with session_scope(demo) as s:
        camat = pengguna(s, peran="camat")
        lk = tandatangani(s, kecamatan_id=tahun_kerja, tahun=TAHUN, nama_berkas="lkj.pdf", data=PDF_TTD,
                          tanggal="20 Februari 2024", oleh=camat, folder=tmp_path, pada=pada)
        assert (lk.status, lk.tanggal, lk.eksekusi_id) == ("ditandatangani", date(2024, 2, 20), eks_id)
        scan = s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "laporan_kinerja")).one()
        assert (scan.pemilik_id, scan.kecamatan_id) == (lk.id, tahun_kerja)
        eks = s.get(Eksekusi, eks_id)
        assert run_lkj(s, tahun_kerja, TAHUN) is not None  # distribution steps remain
        rec = catatan_terbuka(s, eks.id)
        assert langkah_terkunci(s, eks, rec) is None
        while (rec := catatan_terbuka(s, eks.id)) is not None:
            selesaikan(s, catatan_id=rec.id, oleh=camat, pada=pada)
        s.refresh(eks)
        assert eks.status == "selesai"
        # signed: the passages are locked
        with pytest.raises(Ditolak) as e:
            simpan_teks(s, kecamatan_id=tahun_kerja, tahun=TAHUN, bagian="simpulan", indikator_id=None,
                        isi="Diubah.", oleh=camat)
        assert str(e.value) == "Laporan Kinerja 2023 sudah ditandatangani; teksnya tidak dapat diubah lagi."


def test_the_run_waits_at_the_camat_for_the_reviu(tahun_kerja, demo, hari_ini):
    pada = datetime(2024, 2, 10, 2, 0, tzinfo=timezone.utc)
    with session_scope(demo) as s:
        eks = pekerjaan(s, sop="Penyusunan Laporan Kinerja (LKj)", tahun=TAHUN, pada=pada)
        assert _sampai_terkunci(s, eks, pengguna(s, peran="camat"), pada) == (
            "Laporan Kinerja 2023 belum direviu: catat reviunya lebih dulu di halaman Laporan Kinerja; langkah ini "
            "selesai ketika Camat menandatanganinya di sana.")


def test_signing_needs_the_reviu_and_the_reviewer_is_the_kabupatens_choice(tahun_kerja, demo, tmp_path, hari_ini):
    with session_scope(demo) as s:
        camat, sekcam = pengguna(s, peran="camat"), pengguna(s, peran="sekcam")
        t = {x.aksi: x for x in tindakan_lkj(s, kecamatan_id=tahun_kerja, tahun=TAHUN, oleh=camat)}
        assert t["tandatangani"].alasan == ("Laporan Kinerja 2023 belum direviu; Sekretaris Camat mencatat reviunya "
                                            "lebih dulu.")
        with pytest.raises(Ditolak) as e:
            reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Baik.", oleh=camat)
        assert str(e.value) == "Reviu Laporan Kinerja dicatat oleh Sekretaris Camat kecamatan ini."
        with pytest.raises(Ditolak) as e:
            reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="  ", oleh=sekcam)
        assert str(e.value) == "Catatan reviu wajib diisi."
        kab = s.get(Kabupaten, kantor(s).kabupaten_id)
        kab.reviu_lkj = "inspektorat"
        s.add(kab)
        s.flush()
        with pytest.raises(Ditolak) as e:
            reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Baik.", oleh=sekcam)
        assert str(e.value) == "Reviu Laporan Kinerja kecamatan ini dicatat oleh Evaluator Inspektorat kabupatennya."
        evaluator = User(username="inspektorat.uji", nama="Evaluator Uji", password_hash="x", role_kode="evaluator",
                         kabupaten_id=kab.id)
        s.add(evaluator)
        s.flush()
        lk = reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Analisis efisiensi perlu dipertajam.",
                   oleh=evaluator)
        assert (lk.status, lk.reviu_oleh, lk.catatan_reviu) == ("direviu", evaluator.id,
                                                                "Analisis efisiensi perlu dipertajam.")
    with session_scope(demo) as s:
        assert laporan(s, tahun_kerja, TAHUN).status == "direviu"
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "laporan_kinerja.reviu")).one().username == "inspektorat.uji"


def test_an_office_without_the_sop_signs_on_the_page_once_reviewed(demo, tmp_path, hari_ini):
    """Karangploso has no LKj SOP: the Camat signs directly, after the reviu, with a scan and a date in 2023–2024
    not after today (1 Maret 2024); once signed, neither the reviu nor the signature is taken again."""
    pada = datetime(2024, 2, 20, 2, 0, tzinfo=timezone.utc)
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso").id
        camat, sekcam = pengguna(s, peran="camat", kecamatan="Karangploso"), pengguna(s, peran="sekcam",
                                                                                     kecamatan="Karangploso")
        ttd = {"kecamatan_id": kec, "tahun": TAHUN, "nama_berkas": "lkj.pdf", "data": PDF_TTD, "oleh": camat,
               "folder": tmp_path, "pada": pada}
        with pytest.raises(Ditolak) as e:
            tandatangani(s, tanggal="20 Februari 2024", **ttd)
        assert str(e.value) == "Laporan Kinerja 2023 belum direviu; Sekretaris Camat mencatat reviunya lebih dulu."
        reviu(s, kecamatan_id=kec, tahun=TAHUN, catatan="Lengkap.", oleh=sekcam, pada=pada)
        for tanggal, pesan in (("5 Maret 2024", "Tanggal penandatanganan tidak boleh setelah hari ini."),
                               ("20 Februari 2022", "Tanggal penandatanganan harus pada tahun 2023 atau 2024.")):
            with pytest.raises(Ditolak) as e:
                tandatangani(s, tanggal=tanggal, **ttd)
            assert str(e.value) == pesan
        with pytest.raises(Ditolak) as e:
            tandatangani(s, tanggal="20 Februari 2024", **{**ttd, "data": b""})
        assert str(e.value) == "Lampirkan scan Laporan Kinerja yang sudah ditandatangani (PDF, JPG atau PNG)."
        with pytest.raises(Ditolak) as e:
            tandatangani(s, tanggal="20 Februari 2024", **{**ttd, "oleh": sekcam})
        assert str(e.value) == "Laporan Kinerja hanya ditandatangani oleh Camat kecamatan ini."
        lk = tandatangani(s, tanggal="20 Februari 2024", **ttd)
        assert (lk.status, lk.tanggal, lk.eksekusi_id) == ("ditandatangani", date(2024, 2, 20), None)
        for aksi in (lambda: reviu(s, kecamatan_id=kec, tahun=TAHUN, catatan="Lagi.", oleh=sekcam),
                     lambda: tandatangani(s, tanggal="21 Februari 2024", **ttd)):
            with pytest.raises(Ditolak) as e:
                aksi()
            assert str(e.value) == "Laporan Kinerja 2023 sudah ditandatangani; tidak dapat diubah lagi."
    with session_scope(demo) as s:
        assert len(s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "laporan_kinerja")).all()) == 1


# ---------------------------------------------------------------- a signed report prints the same later


@pytest.fixture
def maret_2026():
    periode.atur_hari_ini(date(2026, 3, 1))
    yield
    periode.atur_hari_ini(None)


def test_a_signed_lkj_keeps_its_signer_and_the_iku_of_its_year(demo, tmp_path, maret_2026):
    """Karangploso (no LKj SOP) signs its 2025 LKj on 20 Februari 2026. Later the office gets a new Camat, IKU-K9
    (targeted for 2025) is deactivated and IKU-K10 (from 2026) is created: the 2025 report, on screen and printed,
    still names the Camat who signed, on the date signed, and holds IKU-K9, not IKU-K10."""
    import io

    from pypdf import PdfReader

    from models.perencanaan.cetak_lkj import pdf_lkj
    from tests.fabrik import indikator

    pada = datetime(2026, 2, 20, 2, 0, tzinfo=timezone.utc)
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso").id
        lama = pengguna(s, peran="camat", kecamatan="Karangploso")
        lama.nama, lama.nip, lama.jabatan = "Drs. Hartono", "196102191981031007", "Camat Karangploso"
        s.add(lama)
        k9 = indikator(s, kecamatan="Karangploso", kode="IKU-K9", nama="Indeks kepuasan layanan uji",
                       target={2025: 80}).id
        indikator(s, kecamatan="Karangploso", kode="IKU-K8", nama="Indikator tanpa target uji")
        draf = {i.kode for i in susun_lkj(s, kec, 2025).iku}
        assert {"IKU-K9", "IKU-K8"} <= draf  # unsigned: an active IKU without a 2025 target is still offered
        reviu(s, kecamatan_id=kec, tahun=2025, catatan="Lengkap.",
              oleh=pengguna(s, peran="sekcam", kecamatan="Karangploso"), pada=pada)
        tandatangani(s, kecamatan_id=kec, tahun=2025, nama_berkas="lkj.pdf", data=PDF_TTD, tanggal="20 Februari 2026",
                     oleh=lama, folder=tmp_path, pada=pada)
    with session_scope(demo) as s:
        lama = pengguna(s, peran="camat", kecamatan="Karangploso")
        lama.aktif = False
        s.add(lama)
        s.get(Indikator, k9).aktif = False
        s.flush()
        baru = pengguna(s, peran="camat", kecamatan="Karangploso", ke=2, nama="Budi Santoso, S.STP.")
        assert baru.aktif
        indikator(s, kecamatan="Karangploso", kode="IKU-K10", nama="Indikator baru 2026", target={2026: 90})
    with session_scope(demo) as s:
        lkj = susun_lkj(s, kec, 2025)
        pdf = pdf_lkj(lkj, dicetak=date(2026, 6, 1))
    assert (lkj.camat.nama, lkj.camat.nip, lkj.camat.jabatan) == ("Drs. Hartono", "19610219 198103 1 007",
                                                                  "Camat Karangploso")
    assert lkj.perjalanan.tanggal == date(2026, 2, 20)
    kode = {i.kode for i in lkj.iku}
    assert "IKU-K9" in kode and "IKU-K10" not in kode
    assert "IKU-K8" not in kode  # signed: no 2025 target nor figure, not an IKU of the year
    assert "IKU-K9" in {b.kode for b in lkj.pengukuran.baris} and \
        "IKU-K10" not in {b.kode for b in lkj.pengukuran.baris}
    k9_baris = next(i for i in lkj.iku if i.kode == "IKU-K9")
    assert k9_baris.target == 80
    # the signature block: the place and date signed, the Camat who signed (the PK lampiran, a draft here, is the
    # PK's own matter)
    ttd = next(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages if "Karangploso, 20 Februari 2026"
               in p.extract_text())
    assert "Drs. Hartono" in ttd and "NIP. 19610219 198103 1 007" in ttd and "Budi Santoso" not in ttd
    with session_scope(demo) as s:  # the year now: the new Camat, the new IKU
        lkj26 = susun_lkj(s, kec, 2026)
    assert lkj26.camat.nama == "Budi Santoso, S.STP."
    assert "IKU-K10" in {i.kode for i in lkj26.iku} and "IKU-K9" not in {i.kode for i in lkj26.iku}


# ---------------------------------------------------------------- a passage changed after the reviu


def test_a_passage_changed_after_the_reviu_sends_the_lkj_back_to_draf(tahun_kerja, demo):
    pada = datetime(2024, 2, 10, 2, 0, tzinfo=timezone.utc)
    arg = {"kecamatan_id": tahun_kerja, "tahun": TAHUN, "bagian": "simpulan", "indikator_id": None}
    with session_scope(demo) as s:
        sekcam = pengguna(s, peran="sekcam")
        simpan_teks(s, **arg, isi="Target tercapai.", oleh=sekcam)
        reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Lengkap.", oleh=sekcam, pada=pada)
    with session_scope(demo) as s:  # the same text again: nothing changes, the reviu stands
        simpan_teks(s, **arg, isi="  Target tercapai. ", oleh=pengguna(s, peran="camat"))
        assert laporan(s, tahun_kerja, TAHUN).status == "direviu"
    with session_scope(demo) as s:
        simpan_teks(s, **arg, isi="Target tercapai seluruhnya.", oleh=pengguna(s, peran="camat"))
    with session_scope(demo) as s:
        lk = laporan(s, tahun_kerja, TAHUN)
        assert (lk.status, lk.reviu_oleh, lk.reviu_pada) == ("draf", None, None)
        a = s.exec(select(AuditLog).where(AuditLog.aksi == "laporan_kinerja.teks_berubah")).one()
        assert (a.username, a.objek_id, a.sebelum["status"], a.sesudah) == (
            "camat.poncokusumo", lk.id, "direviu", {"status": "draf"})
        assert a.keterangan == "Reviu perlu dicatat ulang karena teks berubah."
        t = {x.aksi: x for x in tindakan_lkj(s, kecamatan_id=tahun_kerja, tahun=TAHUN, oleh=pengguna(s, peran="camat"))}
        assert t["tandatangani"].alasan == ("Laporan Kinerja 2023 belum direviu; Sekretaris Camat mencatat reviunya "
                                            "lebih dulu.")
        # emptying a passage after a new reviu is a change too
        reviu(s, kecamatan_id=tahun_kerja, tahun=TAHUN, catatan="Lengkap.", oleh=pengguna(s, peran="sekcam"),
              pada=pada)
        simpan_teks(s, **arg, isi="", oleh=pengguna(s, peran="camat"))
        assert laporan(s, tahun_kerja, TAHUN).status == "draf"
        assert len(s.exec(select(AuditLog).where(AuditLog.aksi == "laporan_kinerja.teks_berubah")).all()) == 2


# ---------------------------------------------------------------- two first saves at once


def test_two_first_saves_of_a_passage_at_once_make_one_row(tahun_kerja, demo):
    """The second save waits for the first one's transaction (the office is held), then finds its passage and
    changes it, instead of inserting a second "simpulan" (indikator_id NULL escapes the unique constraint)."""
    import threading

    arg = {"kecamatan_id": tahun_kerja, "tahun": TAHUN, "bagian": "simpulan", "indikator_id": None}
    hasil: dict[str, object] = {}

    def kedua() -> None:
        try:
            with session_scope(demo) as s:
                simpan_teks(s, **arg, isi="Teks Sekretaris Camat.", oleh=pengguna(s, peran="sekcam"))
            hasil["kedua"] = "selesai"
        except Exception as e:  # reported by the assertion below
            hasil["kedua"] = e

    with session_scope(demo) as s:
        simpan_teks(s, **arg, isi="Teks Camat.", oleh=pengguna(s, peran="camat"))
        benang = threading.Thread(target=kedua)
        benang.start()
        benang.join(timeout=1.0)
        assert benang.is_alive() and not hasil  # waiting for this transaction
    benang.join(timeout=30)
    assert hasil == {"kedua": "selesai"}
    with session_scope(demo) as s:
        rows = s.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == tahun_kerja)
                      .where(TeksLkj.bagian == "simpulan")).all()
        assert [r.isi for r in rows] == ["Teks Sekretaris Camat."]
        assert s.exec(select(LaporanKinerja).where(LaporanKinerja.kecamatan_id == tahun_kerja)).all() == []
        aksi = s.exec(select(AuditLog.aksi).where(col(AuditLog.aksi).in_(("teks_lkj.tulis", "teks_lkj.ubah")))
                      .where(AuditLog.objek_id == rows[0].id).order_by(AuditLog.id)).all()
        assert aksi == ["teks_lkj.tulis", "teks_lkj.ubah"]
