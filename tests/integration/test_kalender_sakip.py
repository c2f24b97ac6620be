"""The SAKIP calendar: a kabupaten's obligations, their windows, who may change them, and each office's statuses.

Due dates are counted by hand on the office calendar (Senin-Jumat; national holidays and cuti bersama of the
holidays library):
- Triwulan III 2026 ends Wednesday 30 September 2026; October and early November 2026 have no holiday. Working
  days after it: Thu 1 Oct = 1, Fri 2 = 2, 5-9 Oct = 3-7, 12-16 = 8-12, 19-23 = 13-17, 26-30 = 18-22, 2-6 Nov =
  23-27. So the 10th is 14 Oct, the 15th 21 Oct, the 20th 28 Oct, the 25th 4 Nov.
- Triwulan IV 2026 ends Thursday 31 December 2026; Fri 1 Jan 2027 (Tahun Baru) and Tue 5 Jan 2027 (Isra Mikraj)
  are off: Mon 4 Jan = 1, Wed 6 = 2, Thu 7 = 3, Fri 8 = 4, 11-15 Jan = 5-9, Mon 18 Jan = 10.
- Triwulan I 2026 ends Tuesday 31 March 2026; Fri 3 Apr 2026 (Wafat Yesus Kristus) is off: Wed 1 Apr = 1,
  Thu 2 = 2, 6-10 Apr = 3-7, 13-15 Apr = 8-10.
- Triwulan II 2026 ends Tuesday 30 June 2026: Wed 1 Jul = 1, Thu 2 = 2, Fri 3 = 3, 6-10 Jul = 4-8, 13-14 = 9-10.
"""
from __future__ import annotations

import threading
import tomllib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlmodel import func, select

from models.db import session_scope
from models.kinerja.iku import iku_kantor, tetapkan_target
from models.kinerja.realisasi import Isian, simpan_draf
from models.perencanaan.kalender_sakip import (
    BERKAS_BAWAAN,
    PESAN_PERAN,
    jadwal_kabupaten,
    jendela,
    kewajiban_kantor,
    ubah_jadwal,
)
from models.perencanaan.pekerjaan import batalkan
from models.tables import (
    AuditLog,
    Eksekusi,
    JadwalSakip,
    Kabupaten,
    Kecamatan,
    Realisasi,
)
from models.umum import periode
from models.umum.hari_libur import kalender_kantor, tambah_hari_libur
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import kabupaten, kantor, pekerjaan, pengguna, perjanjian, realisasi, sahkan, tuntaskan

WIB = ZoneInfo("Asia/Jakarta")
URUTAN = ["pengumpulan", "pengukuran", "pemantauan", "evaluasi", "renja", "perjanjian_kinerja", "laporan_kinerja",
          "pelaporan_kinerja", "renstra"]


def _jadwal(s, kab: str, kewajiban: str) -> JadwalSakip:
    return next(j for j in jadwal_kabupaten(s, kabupaten(s, nama=kab).id) if j.kewajiban == kewajiban)


def _satu(daftar, kewajiban: str, label: str):
    cocok = [k for k in daftar if k.kewajiban == kewajiban and k.label == label]
    assert len(cocok) == 1, [(k.kewajiban, k.label) for k in daftar]
    return cocok[0]


def _wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


def _jalankan(s, kecamatan: str, kunci: str, *, tahun: int, triwulan: int | None, mulai: datetime,
              selesai: datetime | None) -> Eksekusi:
    """Start the office's SOP through the state machine and, when `selesai` is given, let the Camat (who may act at
    every step of the office) carry it to its end at that instant."""
    eks = pekerjaan(s, sop=kunci, kecamatan=kecamatan, tahun=tahun, triwulan=triwulan, pada=mulai)
    if selesai is not None:
        tuntaskan(s, eksekusi=eks, oleh=pengguna(s, peran="camat", kecamatan=kecamatan), pada=selesai)
        assert eks.status == "selesai" and eks.selesai_pada == selesai
    return eks


# ---------------------------------------------------------------------- the calendar and its windows


def test_a_kabupaten_with_nothing_stored_gets_the_defaults_unsaved(demo):
    bawaan = tomllib.loads(BERKAS_BAWAAN.read_text(encoding="utf-8"))["kewajiban"]
    with session_scope(demo) as s:
        for kab in ("Malang", "Tanjung Jabung Barat"):
            jadwal = jadwal_kabupaten(s, kabupaten(s, nama=kab).id)
            assert [j.kewajiban for j in jadwal] == URUTAN == [b["kewajiban"] for b in bawaan]
            assert all(j.id is None and j.kabupaten_id == kabupaten(s, nama=kab).id for j in jadwal)
            assert [j.urutan for j in jadwal] == list(range(1, 10))
        renja = _jadwal(s, "Malang", "renja")
        assert (renja.nama, renja.siklus, renja.sop_nama) == ("Rencana Kerja (Renja)", "tahun",
                                                              "Penyusunan Rencana Kerja (Renja)")
        assert (renja.mulai_geser_tahun, renja.mulai_bulan, renja.mulai_tanggal) == (-1, 1, 2)
        assert (renja.tenggat_geser_tahun, renja.tenggat_bulan, renja.tenggat_tanggal) == (-1, 6, 30)
        assert _jadwal(s, "Malang", "pengumpulan").sop_nama is None
        assert _jadwal(s, "Malang", "perjanjian_kinerja").sop_nama == "Penyusunan Perjanjian Kinerja"
        assert [_jadwal(s, "Malang", k).tenggat_hari_kerja for k in URUTAN[:4]] == [10, 15, 20, 25]
    with session_scope(demo) as s:
        assert s.exec(select(func.count(JadwalSakip.id))).one() == 0


@pytest.mark.parametrize("kewajiban, tahun, triwulan, mulai, tenggat", [
    ("pengumpulan", 2026, 3, date(2026, 10, 1), date(2026, 10, 14)),
    ("pengukuran", 2026, 3, date(2026, 10, 1), date(2026, 10, 21)),
    ("pemantauan", 2026, 3, date(2026, 10, 1), date(2026, 10, 28)),
    ("evaluasi", 2026, 3, date(2026, 10, 1), date(2026, 11, 4)),
    ("pengumpulan", 2026, 4, date(2027, 1, 1), date(2027, 1, 18)),  # 1 and 5 January 2027 are off
    ("pengumpulan", 2026, 1, date(2026, 4, 1), date(2026, 4, 15)),  # Good Friday, 3 April 2026
    ("pengumpulan", 2026, 2, date(2026, 7, 1), date(2026, 7, 14)),
    ("renja", 2027, None, date(2026, 1, 2), date(2026, 6, 30)),
    ("perjanjian_kinerja", 2027, None, date(2026, 12, 1), date(2027, 1, 31)),
    ("laporan_kinerja", 2026, None, date(2027, 1, 1), date(2027, 2, 28)),
    ("laporan_kinerja", 2027, None, date(2028, 1, 1), date(2028, 2, 29)),  # "31 Februari" is the month's last day
    ("pelaporan_kinerja", 2026, None, date(2027, 1, 1), date(2027, 2, 28)),  # delivered to the Bupati
    ("renstra", 2025, None, date(2024, 7, 1), None),  # Malang has not recorded its RPJMD's date
])
def test_windows_of_known_periods_match_the_hand_count(demo, kewajiban, tahun, triwulan, mulai, tenggat):
    with session_scope(demo) as s:
        kal = kalender_kantor(s, kantor(s).id, tahun=(2024, 2028))
        assert jendela(_jadwal(s, "Malang", kewajiban), tahun, triwulan, kal) == (mulai, tenggat)


def test_a_day_off_the_admin_enters_moves_a_quarterly_due_date(demo):
    """Wednesday 13 January 2027 off: the 10th working day after Triwulan IV 2026 moves from 18 to 19 January."""
    with session_scope(demo) as s:
        tambah_hari_libur(s, tanggal=date(2027, 1, 13), keterangan="Hari jadi kabupaten (uji)",
                          oleh=pengguna(s, peran="admin"))
    with session_scope(demo) as s:
        kec = kantor(s)
        k = _satu(kewajiban_kantor(s, kec.id, tahun=2026, hari_ini=date(2027, 1, 5)), "pengumpulan",
                  "Triwulan IV 2026")
        assert (k.mulai, k.tenggat) == (date(2027, 1, 1), date(2027, 1, 19))


# ---------------------------------------------------------------------- changing the calendar


@pytest.mark.parametrize("siapa", [dict(peran="kabupaten", kabupaten="Tanjung Jabung Barat"), dict(peran="camat"),
                                   dict(peran="kasubag_evapor", kecamatan="Kalipare")],
                         ids=["another kabupaten", "camat", "another office's evapor"])
def test_only_the_admin_or_the_kabupaten_itself_may_change_its_calendar(demo, siapa):
    sebelum = sidik_basis_data(demo, kecuali=())
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="pengukuran", tenggat_hari_kerja=12,
                    oleh=pengguna(s, **siapa))
    assert str(e.value) == PESAN_PERAN == "Hanya Admin atau pengguna kabupaten ini yang dapat mengubah jadwal SAKIP-nya."
    assert sidik_basis_data(demo, kecuali=()) == sebelum


@pytest.mark.parametrize("kewajiban, ubah, pesan", [
    ("laporan_tahunan", {"tenggat_hari_kerja": 10}, 'Kewajiban "laporan_tahunan" tidak ada dalam jadwal SAKIP.'),
    ("renja", {"tenggat": (-1, 13, 30)}, "Bulan tenggat Rencana Kerja (Renja) harus 1 sampai 12, bukan 13."),
    ("renja", {"mulai": (-1, 1, 0)}, "Tanggal mulai Rencana Kerja (Renja) harus 1 sampai 31, bukan 0."),
    ("renja", {"mulai": (-1, 1, 32)}, "Tanggal mulai Rencana Kerja (Renja) harus 1 sampai 31, bukan 32."),
    ("renja", {"mulai": (-1, 7, 1)}, "Tenggat Rencana Kerja (Renja) (30 Juni tahun sebelumnya) tidak boleh sebelum "
                                     "tanggal mulainya (1 Juli tahun sebelumnya)."),
    ("laporan_kinerja", {"mulai": (1, 3, 1), "tenggat": (1, 2, 29)},
     "Tenggat Laporan Kinerja (LKj) (akhir Februari tahun berikutnya) tidak boleh sebelum tanggal mulainya "
     "(1 Maret tahun berikutnya)."),
    ("renja", {"tenggat": (3, 6, 30)}, "Tahun tenggat Rencana Kerja (Renja) harus antara dua tahun sebelum dan dua "
                                       "tahun sesudah tahun periode, bukan +3."),
    ("renja", {"tenggat": (0, 6)}, "Tanggal tenggat Rencana Kerja (Renja) harus berisi geser tahun, bulan dan tanggal."),
    ("pengukuran", {"tenggat_hari_kerja": -3},
     "Tenggat Pengukuran Kinerja paling cepat 1 hari kerja setelah akhir triwulan, bukan -3."),
    ("pengukuran", {"tenggat_hari_kerja": 0},
     "Tenggat Pengukuran Kinerja paling cepat 1 hari kerja setelah akhir triwulan, bukan 0."),
    ("pengukuran", {"tenggat_hari_kerja": 61},
     "Tenggat Pengukuran Kinerja paling lambat 60 hari kerja setelah akhir triwulan, bukan 61."),
    ("pengukuran", {"tenggat_hari_kerja": None},
     "Tenggat Pengukuran Kinerja harus berupa jumlah hari kerja setelah akhir triwulan."),
    ("pengukuran", {"tenggat": (0, 1, 31)}, "Pengukuran Kinerja berulang tiap triwulan: tenggatnya ditulis dalam hari "
                                           "kerja setelah akhir triwulan, bukan tanggal."),
    ("laporan_kinerja", {"tenggat_hari_kerja": 20},
     "Tenggat Laporan Kinerja (LKj) ditulis sebagai tanggal, bukan hari kerja setelah akhir triwulan."),
    ("pengumpulan", {"sop_nama": "Pengumpulan Data Kinerja"},
     "Pengumpulan Data Kinerja tidak memakai satu SOP: angka tiap IKU dikumpulkan dengan SOP pengumpulannya sendiri."),
    ("renja", {"sop_nama": "Standar Operasional Prosedur"}, 'Nama SOP "Standar Operasional Prosedur" tidak dapat '
                                                            'dipakai: tuliskan nama prosedurnya, mis. "Pengukuran Kinerja".'),
])
def test_an_invalid_change_is_refused_with_its_reason_and_writes_nothing(demo, kewajiban, ubah, pesan):
    sebelum = sidik_basis_data(demo, kecuali=())
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban=kewajiban,
                    oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"), **ubah)
    assert str(e.value) == pesan
    assert sidik_basis_data(demo, kecuali=()) == sebelum


def test_the_first_change_stores_every_default_then_applies_itself_audited(demo):
    t = datetime(2026, 8, 3, 9, 0, tzinfo=WIB)
    with session_scope(demo) as s:
        oleh = pengguna(s, peran="kabupaten", kabupaten="Malang")
        row = ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="pengukuran", tenggat_hari_kerja=12,
                          oleh=oleh, pada=t)
        assert row.id is not None and row.tenggat_hari_kerja == 12
    with session_scope(demo) as s:
        malang = kabupaten(s, nama="Malang")
        tersimpan = s.exec(select(JadwalSakip).where(JadwalSakip.kabupaten_id == malang.id)
                           .order_by(JadwalSakip.urutan)).all()
        assert [j.kewajiban for j in tersimpan] == URUTAN
        ubah = {j.kewajiban: j for j in tersimpan}
        assert ubah["pengukuran"].tenggat_hari_kerja == 12
        assert ubah["pengukuran"].diubah_oleh == pengguna(s, peran="kabupaten", kabupaten="Malang").id
        assert ubah["pengukuran"].diubah_pada == t
        assert all(j.diubah_oleh is None for k, j in ubah.items() if k != "pengukuran")
        assert [j.id for j in jadwal_kabupaten(s, malang.id)] == [j.id for j in tersimpan]
        # The other kabupaten keeps the defaults, unsaved.
        lain = jadwal_kabupaten(s, kabupaten(s, nama="Tanjung Jabung Barat").id)
        assert all(j.id is None for j in lain) and lain[1].tenggat_hari_kerja == 15
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "jadwal_sakip.ubah")).one()
        assert (audit.objek, audit.objek_id, audit.username) == ("jadwal_sakip", ubah["pengukuran"].id,
                                                                 "kabupaten.malang")
        assert audit.sebelum == {"kewajiban": "pengukuran", "sop_nama": "Pengukuran Kinerja",
                                 "tenggat_hari_kerja": 15, "mulai": None, "tenggat": None}
        assert audit.sesudah == {**audit.sebelum, "tenggat_hari_kerja": 12}
        assert audit.keterangan == "Kabupaten Malang: Pengukuran Kinerja"
        # The office's due date follows: the 12th working day after 30 September 2026 is Friday 16 October.
        k = _satu(kewajiban_kantor(s, kantor(s).id, tahun=2026, hari_ini=date(2026, 10, 1)),
                  "pengukuran", "Triwulan III 2026")
        assert k.tenggat == date(2026, 10, 16)

    with session_scope(demo) as s:  # a second change, by the admin: nothing more is copied; both audited
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="renja", mulai=(-1, 2, 1),
                    tenggat=[-1, 7, 31],
                    oleh=pengguna(s, peran="admin"))
    with session_scope(demo) as s:
        assert s.exec(select(func.count(JadwalSakip.id))).one() == 9
        renja = _jadwal(s, "Malang", "renja")
        assert (renja.mulai_bulan, renja.tenggat_bulan, renja.tenggat_tanggal) == (2, 7, 31)
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "jadwal_sakip.ubah").order_by(AuditLog.id)).all()
        assert [a.username for a in audit] == ["kabupaten.malang", "admin"]
        assert (audit[1].sebelum["mulai"], audit[1].sesudah["mulai"]) == ([-1, 1, 2], [-1, 2, 1])

    sebelum = sidik_basis_data(demo, kecuali=())
    with session_scope(demo) as s:  # the same values again: nothing written
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="pengukuran", tenggat_hari_kerja=12,
                    oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
    assert sidik_basis_data(demo, kecuali=()) == sebelum


def test_two_first_changes_at_once_store_the_defaults_once_and_keep_both_changes(demo):
    """The second change waits for the first one's transaction, then finds the stored copy instead of storing the
    defaults a second time (which the unique kabupaten and kewajiban would refuse)."""
    hasil: dict[str, object] = {}

    def kedua() -> None:
        try:
            with session_scope(demo) as s:
                ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="evaluasi", tenggat_hari_kerja=30,
                            oleh=pengguna(s, peran="admin"))
            hasil["kedua"] = "selesai"
        except Exception as e:  # reported by the assertion below
            hasil["kedua"] = e

    with session_scope(demo) as s:
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="pengukuran", tenggat_hari_kerja=12,
                    oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
        benang = threading.Thread(target=kedua)
        benang.start()
        benang.join(timeout=1.0)
        assert benang.is_alive() and not hasil  # waiting for this transaction
    benang.join(timeout=30)
    assert hasil == {"kedua": "selesai"}
    with session_scope(demo) as s:
        tersimpan = s.exec(select(JadwalSakip)).all()
        assert len(tersimpan) == 9
        assert {j.kewajiban: j.tenggat_hari_kerja for j in tersimpan if j.tenggat_hari_kerja} == {
            "pengumpulan": 10, "pengukuran": 12, "pemantauan": 20, "evaluasi": 30}
        assert s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "jadwal_sakip.ubah")).one() == 2


def test_an_sop_name_set_later_is_matched_by_its_key_and_an_office_without_it_shows_so(demo):
    with session_scope(demo) as s:
        malang = kabupaten(s, nama="Malang").id
        oleh = pengguna(s, peran="kabupaten", kabupaten="Malang")
        ubah_jadwal(s, kabupaten_id=malang, kewajiban="pelaporan_kinerja", sop_nama="  SOP  Pelaporan Kinerja ",
                    oleh=oleh)
        ubah_jadwal(s, kabupaten_id=malang, kewajiban="perjanjian_kinerja", sop_nama="SOP Penyusunan Perjanjian "
                    "Kinerja", oleh=oleh)
    with session_scope(demo) as s:
        assert _jadwal(s, "Malang", "pelaporan_kinerja").sop_nama == "SOP Pelaporan Kinerja"
        karangploso = kewajiban_kantor(s, kantor(s, nama="Karangploso").id, tahun=2026, hari_ini=date(2027, 1, 10))
        k = _satu(karangploso, "pelaporan_kinerja", "Tahun 2026")
        assert (k.sop.nama, k.status, k.dasar) == ("Pelaporan Kinerja", "belum_jatuh_tempo", "sop")
        poncokusumo = kewajiban_kantor(s, kantor(s).id, tahun=2026, hari_ini=date(2027, 1, 10))
        assert _satu(poncokusumo, "pelaporan_kinerja", "Tahun 2026").status == "tanpa_sop"
        # The Perjanjian Kinerja is met by the Camat's signed PK, with or without the SOP: never "tanpa SOP".
        pk = _satu(poncokusumo, "perjanjian_kinerja", "Tahun 2026")
        assert (pk.dasar, pk.sop.nama, pk.status) == ("perjanjian", "Penyusunan Perjanjian Kinerja", "terlambat")
        pk = _satu(karangploso, "perjanjian_kinerja", "Tahun 2026")
        assert (pk.dasar, pk.sop, pk.status) == ("perjanjian", None, "terlambat")


# ---------------------------------------------------------------------- an office's obligations


@pytest.mark.parametrize("selesai, status", [
    (_wib(2026, 10, 20, 14, 0), "selesai"),
    (_wib(2026, 10, 21, 23, 30), "selesai"),  # on the due date itself, however late in the day
    (_wib(2026, 10, 22, 0, 30), "selesai_terlambat"),
    (_wib(2026, 11, 2, 9, 0), "selesai_terlambat"),
])
def test_an_execution_ended_by_the_due_date_is_done_after_it_late(demo, selesai, status):
    """Pengukuran Kinerja of Triwulan III 2026 is due on 21 October 2026 (15 working days)."""
    with session_scope(demo) as s:
        eks = _jalankan(s, "Poncokusumo", "pengukuran kinerja", tahun=2026, triwulan=3,
                        mulai=_wib(2026, 10, 5, 8, 0), selesai=selesai)
        kec = kantor(s)
        k = _satu(kewajiban_kantor(s, kec.id, hari_ini=date(2026, 11, 20)), "pengukuran", "Triwulan III 2026")
        assert (k.status, k.tenggat, k.selesai_pada, k.sop.nama) == (status, date(2026, 10, 21), selesai,
                                                                     "Pengukuran Kinerja")
        assert [e.id for e in k.eksekusi] == [eks.id]
        # Only that quarter is done.
        assert _satu(kewajiban_kantor(s, kec.id, hari_ini=date(2026, 11, 20)), "pengukuran",
                     "Triwulan II 2026").status == "terlambat"


@pytest.mark.parametrize("hari_ini, status", [
    (date(2026, 10, 13), "belum_jatuh_tempo"),
    (date(2026, 10, 14), "segera"),  # due in 7 days
    (date(2026, 10, 21), "segera"),  # due today
    (date(2026, 10, 22), "terlambat"),
])
def test_not_done_is_due_later_soon_or_late_by_the_day(demo, hari_ini, status):
    with session_scope(demo) as s:
        daftar = kewajiban_kantor(s, kantor(s).id, hari_ini=hari_ini)
        k = _satu(daftar, "pengukuran", "Triwulan III 2026")
        assert (k.status, k.eksekusi, k.selesai_pada) == (status, (), None)


def test_a_running_execution_is_berjalan_until_its_due_date_nears_and_a_cancelled_one_does_not_count(demo):
    with session_scope(demo) as s:
        eks = _jalankan(s, "Poncokusumo", "pengukuran kinerja", tahun=2026, triwulan=3,
                        mulai=_wib(2026, 10, 2, 8, 0), selesai=None)
        kec = kantor(s).id
        statuses = [_satu(kewajiban_kantor(s, kec, hari_ini=d), "pengukuran", "Triwulan III 2026").status
                    for d in (date(2026, 10, 5), date(2026, 10, 16), date(2026, 10, 22))]
        assert statuses == ["berjalan", "segera", "terlambat"]
        batalkan(s, eksekusi_id=eks.id, alasan="Salah triwulan", oleh=pengguna(s, peran="camat"),
                 pada=_wib(2026, 10, 5, 9, 0))
        k = _satu(kewajiban_kantor(s, kec, hari_ini=date(2026, 10, 5)), "pengukuran", "Triwulan III 2026")
        assert (k.status, k.eksekusi) == ("belum_jatuh_tempo", ())


def test_a_yearly_document_counts_for_its_own_year(demo):
    """Renja 2027 is prepared from 2 January to 30 June 2026; an execution about Renja 2026 does not fulfil it."""
    with session_scope(demo) as s:
        _jalankan(s, "Poncokusumo", "penyusunan rencana kerja renja", tahun=2027, triwulan=None,
                  mulai=_wib(2026, 5, 4, 8, 0), selesai=_wib(2026, 6, 30, 15, 0))
        _jalankan(s, "Poncokusumo", "penyusunan rencana kerja renja", tahun=2026, triwulan=None,
                  mulai=_wib(2026, 5, 4, 8, 0), selesai=_wib(2026, 7, 1, 9, 0))
        daftar = kewajiban_kantor(s, kantor(s).id, hari_ini=date(2026, 11, 1))
        assert _satu(daftar, "renja", "Tahun 2027").status == "selesai"
        assert _satu(daftar, "renja", "Tahun 2026").status == "selesai_terlambat"  # due 30 June 2025


def test_an_office_without_the_sop_shows_tanpa_sop(demo):
    with session_scope(demo) as s:
        daftar = kewajiban_kantor(s, kantor(s, nama="Kalipare").id, hari_ini=date(2026, 11, 1))
        for kewajiban in ("pengukuran", "pemantauan", "evaluasi"):
            k = _satu(daftar, kewajiban, "Triwulan III 2026")
            assert (k.status, k.sop, k.status_label) == ("tanpa_sop", None, "Belum ada SOP")
        assert _satu(daftar, "renja", "Tahun 2027").status == "tanpa_sop"
        # Figures and targets are not SOP obligations: never "belum ada SOP".
        assert _satu(daftar, "pengumpulan", "Triwulan III 2026").status == "terlambat"


def test_the_quarters_figures_are_done_when_every_iku_is_official(demo):
    """Pengumpulan of Triwulan II 2026 is due on 14 July 2026 (10 working days). IKU-1 goes through its collection
    SOP and becomes official on 8 July; IKU-2 and the office's own count IKU-7 are written official on 10 July; IKU-3
    decides."""
    hari_ini = date(2026, 8, 1)
    with session_scope(demo) as s:
        kec = kantor(s)
        iku = {i.kode: i for i in iku_kantor(s, kec.id)}
        t1 = _wib(2026, 7, 8, 10, 0)
        r = simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=2, hari_ini=date(2026, 7, 6), pada=t1,
                        isian=Isian(iku["IKU-1"].id, "45", "50", None, ["Daftar hadir Musrenbangcam", "Berita Acara"]),
                        oleh=pengguna(s, peran="kasubag_evapor"))
        r = sahkan(s, realisasi_id=r.id, pengisi=pengguna(s, peran="kasubag_evapor"), camat=pengguna(s, peran="camat"),
                   pada=t1)
        assert (r.status, r.disahkan_pada) == ("resmi", t1)
        realisasi(s, indikator="IKU-2", tahun=2026, triwulan=2, pembilang="1", penyebut="2", status="resmi",
                  pada=_wib(2026, 7, 10, 9, 0))
        realisasi(s, indikator="IKU-7", tahun=2026, triwulan=2, pembilang="15", status="resmi",
                  pada=_wib(2026, 7, 10, 9, 30))
        assert _satu(kewajiban_kantor(s, kec.id, hari_ini=hari_ini), "pengumpulan",
                     "Triwulan II 2026").status == "terlambat"
        assert _satu(kewajiban_kantor(s, kec.id, hari_ini=date(2026, 7, 9)), "pengumpulan",
                     "Triwulan II 2026").status == "segera"
        realisasi(s, indikator="IKU-3", tahun=2026, triwulan=2, pembilang="1", penyebut="2",
                  status="diajukan")  # submitted, not yet approved: still not done
        k = _satu(kewajiban_kantor(s, kec.id, hari_ini=hari_ini), "pengumpulan", "Triwulan II 2026")
        assert (k.status, k.selesai_pada, k.dasar, k.sop) == ("terlambat", None, "realisasi", None)
        r3 = s.exec(select(Realisasi).where(Realisasi.kecamatan_id == kec.id)
                    .where(Realisasi.indikator_id == iku["IKU-3"].id)).one()
        r3.status, r3.disahkan_pada = "resmi", _wib(2026, 7, 14, 15, 0)
        s.add(r3)
        s.flush()
        k = _satu(kewajiban_kantor(s, kec.id, hari_ini=hari_ini), "pengumpulan", "Triwulan II 2026")
        assert (k.status, k.selesai_pada) == ("selesai", _wib(2026, 7, 14, 15, 0))
        r3.disahkan_pada = _wib(2026, 7, 15, 8, 0)
        s.add(r3)
        s.flush()
        k = _satu(kewajiban_kantor(s, kec.id, hari_ini=hari_ini), "pengumpulan", "Triwulan II 2026")
        assert (k.status, k.selesai_pada) == ("selesai_terlambat", _wib(2026, 7, 15, 8, 0))
        # Another office's figures are its own: Kalipare has none for the quarter.
        assert _satu(kewajiban_kantor(s, kantor(s, nama="Kalipare").id, hari_ini=hari_ini), "pengumpulan",
                     "Triwulan II 2026").status == "terlambat"
        # An office without any IKU has nothing done, never "every IKU official" by default.
        kab = Kabupaten(nama="Uji Tanpa IKU")
        s.add(kab)
        s.flush()
        kosong = Kecamatan(kabupaten_id=kab.id, nama="Kosong")
        s.add(kosong)
        s.flush()
        k = _satu(kewajiban_kantor(s, kosong.id, hari_ini=hari_ini), "pengumpulan", "Triwulan II 2026")
        assert (k.status, k.selesai_pada) == ("terlambat", None)


def test_the_perjanjian_kinerja_is_done_when_the_camats_pk_is_signed_not_when_targets_exist(demo):
    """Perjanjian Kinerja 2027 opens 1 December 2026 and is due 31 January 2027. Targets in force are not a PK: the
    obligation is met when the Camat's PK is signed with its scan (more in test_perjanjian_kinerja.py)."""
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso")
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Karangploso")

        def pk(hari_ini):
            return _satu(kewajiban_kantor(s, kec.id, hari_ini=hari_ini), "perjanjian_kinerja", "Tahun 2027")

        assert pk(date(2026, 12, 10)).status == "belum_jatuh_tempo"
        assert pk(date(2027, 1, 25)).status == "segera"
        for ind in iku_kantor(s, kec.id):
            tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=2027, nilai=90, oleh=evapor,
                            alasan="Perjanjian Kinerja 2027", pada=_wib(2027, 1, 5, 10, 0))
        assert pk(date(2027, 2, 1)).status == "terlambat"
        periode.atur_hari_ini(date(2027, 3, 1))
        try:
            perjanjian(s, kecamatan="Karangploso", tahun=2027, pada=_wib(2027, 1, 29, 10, 0))
        finally:
            periode.atur_hari_ini(None)
        k = pk(date(2027, 7, 1))
        assert (k.status, k.selesai_pada, k.dasar, k.sop) == ("selesai", _wib(2027, 1, 29, 10, 0), "perjanjian", None)


def test_what_matters_now_is_this_and_last_years_work_and_what_opens_within_30_days(demo):
    with session_scope(demo) as s:
        kec = kantor(s).id
        nov = {(k.kewajiban, k.label) for k in kewajiban_kantor(s, kec, hari_ini=date(2026, 11, 1))}
        for ada in [("pengumpulan", "Triwulan I 2025"), ("evaluasi", "Triwulan III 2026"), ("renja", "Tahun 2027"),
                    ("renja", "Tahun 2026"), ("renstra", "2025–2029"), ("perjanjian_kinerja", "Tahun 2027"),
                    ("laporan_kinerja", "Tahun 2025"), ("pelaporan_kinerja", "Tahun 2025")]:
            assert ada in nov
        for tidak in [("pengumpulan", "Triwulan IV 2024"), ("pengumpulan", "Triwulan IV 2026"),
                      ("renja", "Tahun 2028"), ("laporan_kinerja", "Tahun 2026"), ("laporan_kinerja", "Tahun 2024"),
                      ("renstra", "2030–2034")]:
            assert tidak not in nov
        # Quarters I 2025 to III 2026, and the yearly ones listed above but the Renja 2025, due in 2024: long past.
        assert ("renja", "Tahun 2025") not in nov
        assert len(nov) == 4 * 7 + 8
        des = kewajiban_kantor(s, kec, hari_ini=date(2026, 12, 5))
        label = {(k.kewajiban, k.label) for k in des}
        assert {("pengumpulan", "Triwulan IV 2026"), ("renja", "Tahun 2028"),
                ("laporan_kinerja", "Tahun 2026")} <= label
        # By due date; the Renstra, without one until the RPJMD is set, last.
        assert [k.tenggat for k in des if k.tenggat] == sorted(k.tenggat for k in des if k.tenggat)
        assert [k.kewajiban for k in des if k.tenggat is None] == ["renstra"] and des[-1].tenggat is None
        assert _satu(des, "renja", "Tahun 2028").status == "belum_jatuh_tempo"


def test_the_renstra_of_the_next_period_appears_when_its_window_opens(demo):
    with session_scope(demo) as s:
        kec = kantor(s).id
        label = {k.label for k in kewajiban_kantor(s, kec, hari_ini=date(2029, 5, 31)) if k.kewajiban == "renstra"}
        assert label == {"2025–2029"}  # the next one opens on 1 July 2029, 31 days later
        label = {k.label for k in kewajiban_kantor(s, kec, hari_ini=date(2029, 6, 1)) if k.kewajiban == "renstra"}
        assert label == {"2025–2029", "2030–2034"}
        label = {k.label for k in kewajiban_kantor(s, kec, hari_ini=date(2031, 1, 5)) if k.kewajiban == "renstra"}
        assert label == {"2030–2034"}


def test_a_year_lists_every_obligation_of_that_year(demo):
    with session_scope(demo) as s:
        daftar = kewajiban_kantor(s, kantor(s).id, tahun=2027, hari_ini=date(2026, 11, 1))
        assert len(daftar) == 4 * 4 + 5
        assert {k.label for k in daftar if k.kewajiban == "renstra"} == {"2025–2029"}
        assert _satu(daftar, "evaluasi", "Triwulan IV 2027").tenggat > date(2028, 1, 1)


def test_an_offices_obligations_take_a_handful_of_queries(demo):
    with session_scope(demo) as s:
        kec = kantor(s).id
        _jalankan(s, "Poncokusumo", "pengukuran kinerja", tahun=2026, triwulan=3, mulai=_wib(2026, 10, 5, 8, 0),
                  selesai=_wib(2026, 10, 9, 8, 0))
    with session_scope(demo) as s:
        perintah: list[str] = []

        def hitung(_conn, _cursor, statement, *_args):
            perintah.append(statement)

        event.listen(demo, "before_cursor_execute", hitung)
        try:
            daftar = kewajiban_kantor(s, kec, hari_ini=date(2026, 12, 5))
        finally:
            event.remove(demo, "before_cursor_execute", hitung)
        assert len(daftar) > 40
        # the office, its kabupaten's RPJMD dates, calendar, holidays, SOP, runs, IKU, figures, PKs: whatever the count
        assert len(perintah) <= 11, perintah


def test_late_is_the_offices_local_date(demo):
    """An office in WIT (UTC+9) that ends at 00.30 local time the day after its due date is late, though in WIB that
    instant is still 22.30 on the due date."""
    with session_scope(demo) as s:
        kec = kantor(s)
        kec.zona_waktu = "Asia/Jayapura"
        s.add(kec)
        s.flush()
        selesai = datetime(2026, 10, 22, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))
        _jalankan(s, "Poncokusumo", "pengukuran kinerja", tahun=2026, triwulan=3,
                  mulai=selesai - timedelta(days=3), selesai=selesai)
        k = _satu(kewajiban_kantor(s, kec.id, hari_ini=date(2026, 11, 1)), "pengukuran", "Triwulan III 2026")
        assert k.status == "selesai_terlambat"
