"""Evaluations and the follow-up of their recommendations: the SOP they start, every transition of TRANSISI,
every refused one, who may act, times, history and the lists the dashboard reads."""
from __future__ import annotations

from collections import deque
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func
from sqlmodel import select

from models.db import session_scope
from models.kinerja.iku import iku_kantor
from models.sop.dokumen import kunci_nama
from models.tables import (
    AuditLog,
    CatatanLangkah,
    Eksekusi,
    Evaluasi,
    Indikator,
    Kecamatan,
    Rekomendasi,
    Sop,
    SopLangkah,
    SopPelaksana,
    SopRevisi,
    TindakLanjut,
)
from models.tindak_lanjut.evaluasi import catat_evaluasi
from models.tindak_lanjut.rekomendasi import (
    AKSI,
    PESAN_BENTROK,
    STATUS,
    TRANSISI,
    akui,
    daftar_rekomendasi,
    mulai_tindak_lanjut,
    periksa,
    riwayat,
    serahkan,
    tambah_rekomendasi,
)
from models.umum.penolakan import Ditolak
from models.umum.status import StatusRekomendasi
from tests.fabrik import KANTOR, kantor, nama_pengguna, pengguna

T0 = datetime(2026, 7, 14, 2, 0, tzinfo=timezone.utc)  # 09.00 WIB
TANGGAL = date(2026, 7, 14)
JATUH_TEMPO = date(2026, 7, 31)
# Who takes each action on a recommendation for the Kasi Pemerintahan, in the ordinary case.
PELAKU = {"mulai": "kasi_pem", "serahkan": "kasi_pem", "terima": "sekcam", "kembalikan": "sekcam", "akui": "camat"}


def _jalan_ke_setiap_status() -> dict[str, list[str]]:
    """The shortest list of actions from "baru" to each status, found in TRANSISI itself."""
    jalan = {"baru": []}
    antre = deque(["baru"])
    while antre:
        dari = antre.popleft()
        for (asal, aksi), ke in TRANSISI.items():
            if asal == dari and ke not in jalan:
                jalan[ke] = jalan[dari] + [aksi]
                antre.append(ke)
    return jalan


JALAN = _jalan_ke_setiap_status()


def _evaluasi(s, *, kecamatan=KANTOR, jenis="evaluasi", siapa: dict | None = None, **kw) -> Evaluasi:
    """An evaluation of the office recorded by its Tim, or by the user `siapa` names (tests.fabrik.pengguna)."""
    nilai = dict(tahun=2026, triwulan=2, tanggal=TANGGAL, peserta="Camat, Sekcam, Tim AKIP, para Kasi",
                 temuan="Realisasi IKU-2 triwulan II di bawah target", berita_acara="BA/EVA/II/2026", pada=T0)
    nilai.update(kw)
    oleh = pengguna(s, **(siapa or dict(peran="tim", kecamatan=kecamatan)))
    return catat_evaluasi(s, kecamatan_id=kantor(s, nama=kecamatan).id, jenis=jenis, oleh=oleh, **nilai)


def _rekomendasi(s, ev: Evaluasi, **kw) -> Rekomendasi:
    nilai = dict(teks="Perbaiki pencatatan register pengantar KTP", role_kode="kasi_pem", jatuh_tempo=JATUH_TEMPO,
                 pada=T0 + timedelta(hours=1))
    nilai.update(kw)
    kec = s.get(Kecamatan, ev.kecamatan_id)
    oleh = nilai.pop("oleh", None) or pengguna(s, peran="tim", kecamatan=kec.nama)
    return tambah_rekomendasi(s, evaluasi_id=ev.id, oleh=oleh, **nilai)


def _lakukan(s, rid: int, aksi: str, pada: datetime, peran: str | None = None):
    oleh = pengguna(s, peran=peran or PELAKU[aksi])
    if aksi == "mulai":
        return mulai_tindak_lanjut(s, rekomendasi_id=rid, oleh=oleh, pada=pada)
    if aksi == "serahkan":
        return serahkan(s, rekomendasi_id=rid, uraian="Register pengantar KTP diperbaiki dan diperiksa ulang",
                        bukti=["Buku register", " "], oleh=oleh, pada=pada)
    if aksi in ("terima", "kembalikan"):
        return periksa(s, rekomendasi_id=rid, terima=aksi == "terima", oleh=oleh, pada=pada,
                       alasan=None if aksi == "terima" else "Bukti foto belum dilampirkan")
    if aksi == "akui":
        return akui(s, rekomendasi_id=rid, oleh=oleh, pada=pada)
    raise AssertionError(aksi)


def _sampai(s, status: str) -> tuple[int, datetime]:
    """A Poncokusumo recommendation carried to `status`; returns its id and the time of its last transition."""
    r = _rekomendasi(s, _evaluasi(s))
    t = T0 + timedelta(hours=1)
    for aksi in JALAN[status]:
        t += timedelta(hours=1)
        _lakukan(s, r.id, aksi, t)
    assert s.get(Rekomendasi, r.id).status == status
    return r.id, t


def _keadaan(s, rid: int) -> tuple:
    """What a refused action must leave untouched: the item, its follow-up rows, the audit log."""
    item = s.exec(select(Rekomendasi.status, Rekomendasi.selesai_pada).where(Rekomendasi.id == rid)).one()
    tl = s.exec(select(TindakLanjut.id, TindakLanjut.uraian, TindakLanjut.keputusan, TindakLanjut.alasan,
                       TindakLanjut.diperiksa_oleh, TindakLanjut.diperiksa_pada)
                .where(TindakLanjut.rekomendasi_id == rid).order_by(TindakLanjut.id)).all()
    audit = s.exec(select(func.count(AuditLog.id))).one()
    return tuple(item), [tuple(x) for x in tl], audit


def _audit_rekomendasi(s, rid: int) -> list[AuditLog]:
    return list(s.exec(select(AuditLog).where(AuditLog.objek == "rekomendasi").where(AuditLog.objek_id == rid)
                       .order_by(AuditLog.id)).all())


def _tolak(s, rid: int, pesan: str, fungsi, **kwargs) -> None:
    """The call is refused with exactly `pesan` and changes nothing."""
    sebelum = _keadaan(s, rid)
    with pytest.raises(Ditolak) as e:
        fungsi(s, rekomendasi_id=rid, **kwargs)
    assert str(e.value) == pesan
    assert _keadaan(s, rid) == sebelum


# ---------------------------------------------------------------- evaluations and the SOP they start


def test_an_evaluation_starts_the_offices_evaluasi_data_kinerja_sop(demo):
    with session_scope(demo) as s:
        ev = _evaluasi(s)
        ev_id = ev.id
    with session_scope(demo) as s:
        ev = s.get(Evaluasi, ev_id)
        kec = kantor(s)
        assert (ev.jenis, ev.tahun, ev.triwulan, ev.tanggal, ev.berita_acara) == ("evaluasi", 2026, 2, TANGGAL,
                                                                                 "BA/EVA/II/2026")
        assert (ev.dibuat_pada, ev.dibuat_oleh, ev.demo) == (T0, pengguna(s, peran="tim").id, False)
        eks = s.get(Eksekusi, ev.eksekusi_id)
        rev = s.get(SopRevisi, eks.revisi_id)
        sop = s.get(Sop, rev.sop_id)
        assert (sop.kecamatan_id, sop.kunci, rev.berlaku) == (kec.id, kunci_nama("Evaluasi Data Kinerja"), True)
        assert (eks.subjek_jenis, eks.subjek_id, eks.judul) == ("evaluasi", ev.id,
                                                                 "Evaluasi Data Kinerja triwulan II 2026")
        assert (eks.kecamatan_id, eks.tahun, eks.triwulan, eks.status) == (kec.id, 2026, 2, "berjalan")
        assert (eks.dimulai_pada, eks.dimulai_oleh) == (T0, ev.dibuat_oleh)
        rec = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks.id)).one()
        lk = s.get(SopLangkah, rec.langkah_id)
        assert (lk.revisi_id, lk.urutan, lk.no) == (rev.id, 1, "1")
        assert (rec.role_kode, rec.percobaan, rec.diterima_pada, rec.selesai_pada) == ("kasubag_evapor", 1, T0, None)
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "evaluasi.catat")).one()
        assert (log.objek, log.objek_id, log.kecamatan_id) == ("evaluasi", ev.id, kec.id)
        assert log.sesudah["eksekusi"] == eks.id and log.sesudah["jenis"] == "evaluasi"
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "eksekusi.mulai")).one().objek_id == eks.id


def test_a_monitoring_starts_the_pemantauan_kinerja_sop_and_needs_no_participants(demo):
    with session_scope(demo) as s:
        ev = _evaluasi(s, jenis="pemantauan", peserta="", temuan=" ", berita_acara=None, siapa=dict(peran="sekcam"))
        assert (ev.peserta, ev.temuan, ev.berita_acara) == (None, None, None)
        eks = s.get(Eksekusi, ev.eksekusi_id)
        assert eks.judul == "Pemantauan Kinerja triwulan II 2026"
        sop = s.get(Sop, s.get(SopRevisi, eks.revisi_id).sop_id)
        assert sop.kunci == kunci_nama("Pemantauan Kinerja")


@pytest.mark.parametrize("kecamatan", ["Kalipare", "Karangploso"])
def test_an_office_without_the_sop_still_keeps_its_evaluation(demo, kecamatan):
    with session_scope(demo) as s:
        kec = kantor(s, nama=kecamatan)
        assert not s.exec(select(Sop).where(Sop.kecamatan_id == kec.id)
                          .where(Sop.kunci == kunci_nama("Evaluasi Data Kinerja"))).first()
        ev = _evaluasi(s, kecamatan=kecamatan, demo=True)
        ev_id = ev.id
    with session_scope(demo) as s:
        ev = s.get(Evaluasi, ev_id)
        assert (ev.kecamatan_id, ev.eksekusi_id, ev.demo) == (kantor(s, nama=kecamatan).id, None, True)
        assert s.exec(select(Eksekusi)).all() == []
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "evaluasi.catat")).one().sesudah["eksekusi"] is None
        r = _rekomendasi(s, ev, role_kode="kasi_trantib")  # follow-up works without the SOP too
        assert r.status == "baru"


@pytest.mark.parametrize("kwargs,pesan", [
    (dict(jenis="rapat"), 'Jenis harus "pemantauan" atau "evaluasi".'),
    (dict(triwulan=5), "Triwulan harus 1 sampai 4."),
    (dict(triwulan=0), "Triwulan harus 1 sampai 4."),
    (dict(tahun=1999), "Tahun tidak sah."),
    (dict(tanggal=None), "Tanggal evaluasi wajib diisi."),
    (dict(tanggal=date(2026, 7, 15)), "Tanggal evaluasi (15 Juli 2026) tidak boleh sesudah hari ini (14 Juli 2026)."),
    (dict(tanggal=date(2026, 3, 31)), "Tanggal evaluasi (31 Maret 2026) sebelum triwulan II 2026 dimulai; "
     "triwulan yang dinilai harus sudah berjalan."),
    (dict(peserta="  "), "Peserta evaluasi wajib diisi."),
    (dict(temuan=""), "Temuan evaluasi wajib diisi."),
    (dict(siapa=dict(peran="kasi_pem")), "Evaluasi dicatat oleh Tim, Kasubag Evapor, Kasubag Perencanaan dan "
     "Keuangan, Sekretaris Camat atau Camat; peran Anda tidak dapat mencatatnya."),
    (dict(siapa=dict(peran="tim", kecamatan="Kalipare")), "Evaluasi hanya dapat dicatat untuk kecamatan Anda sendiri."),
    (dict(siapa=dict(peran="kabupaten", kabupaten="Malang")),
     "Evaluasi hanya dapat dicatat untuk kecamatan Anda sendiri."),
])
def test_a_bad_evaluation_is_refused_and_nothing_is_kept(demo, kwargs, pesan):
    with session_scope(demo) as s:
        with pytest.raises(Ditolak) as e:
            _evaluasi(s, **kwargs)
        assert str(e.value) == pesan
        assert s.exec(select(Evaluasi)).all() == [] and s.exec(select(Eksekusi)).all() == []


def test_an_sop_that_cannot_run_refuses_the_record_before_anything_is_written(demo):
    with session_scope(demo) as s:
        rev = s.exec(select(SopRevisi).join(Sop, Sop.id == SopRevisi.sop_id).where(Sop.kecamatan_id == kantor(s).id)
                     .where(Sop.kunci == kunci_nama("Evaluasi Data Kinerja"))).one()
        ketiga = s.exec(select(SopLangkah).where(SopLangkah.revisi_id == rev.id).where(SopLangkah.urutan == 3)).one()
        for a in s.exec(select(SopPelaksana).where(SopPelaksana.langkah_id == ketiga.id)):
            s.delete(a)
        s.flush()
        with pytest.raises(Ditolak) as e:
            _evaluasi(s)
        assert str(e.value) == "Langkah 1 SOP ini belum memiliki pelaksana; minta Admin melengkapinya."
        assert s.exec(select(Evaluasi)).all() == [] and s.exec(select(Eksekusi)).all() == []


def test_the_date_is_checked_against_the_offices_day_and_times_must_be_aware(demo):
    with session_scope(demo) as s:
        # 17.30 UTC on 13 July is already 14 July in Poncokusumo (WIB).
        ev = _evaluasi(s, pada=datetime(2026, 7, 13, 17, 30, tzinfo=timezone.utc))
        assert ev.tanggal == TANGGAL
        with pytest.raises(ValueError, match="zona waktu"):
            _evaluasi(s, pada=datetime(2026, 7, 14, 9, 0))


def test_an_inactive_user_records_nothing(demo):
    with session_scope(demo) as s:
        tim = pengguna(s, peran="tim")
        tim.aktif = False
        s.add(tim)
        with pytest.raises(Ditolak, match="^Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan.$"):
            _evaluasi(s)


# ---------------------------------------------------------------- adding recommendations


def test_a_recommendation_starts_as_baru_and_is_audited(demo):
    with session_scope(demo) as s:
        ev = _evaluasi(s)
        kec = kantor(s)
        iku = {i.kode: i for i in iku_kantor(s, kec.id)}
        sop = s.exec(select(Sop).where(Sop.kecamatan_id == kec.id)
                     .where(Sop.kunci == kunci_nama("Prosedur Pengumpulan Data Kinerja Indikator Administrasi "
                                                    "Kependudukan"))).one()
        kasipem = pengguna(s, peran="kasi_pem")
        r = _rekomendasi(s, ev, teks="  Lengkapi register  ", indikator_id=iku["IKU-2"].id, sop_id=sop.id,
                         user_id=kasipem.id, jatuh_tempo=TANGGAL)  # due on the evaluation's day is allowed
        rid = r.id
    with session_scope(demo) as s:
        r = s.get(Rekomendasi, rid)
        assert (r.status, r.teks, r.role_kode, r.user_id, r.jatuh_tempo) == ("baru", "Lengkapi register", "kasi_pem",
                                                                             kasipem.id, TANGGAL)
        assert (r.kecamatan_id, r.dibuat_pada, r.selesai_pada) == (kantor(s).id, T0 + timedelta(hours=1), None)
        (log,) = _audit_rekomendasi(s, rid)
        assert log.aksi == "rekomendasi.tambah" and log.sebelum is None
        assert log.sesudah["status"] == "baru" and log.sesudah["indikator"] == r.indikator_id


def test_recommendations_belong_to_evaluations_not_to_monitorings(demo):
    with session_scope(demo) as s:
        ev = _evaluasi(s, jenis="pemantauan")
        with pytest.raises(Ditolak) as e:
            _rekomendasi(s, ev)
        assert str(e.value) == "Rekomendasi hanya dapat ditambahkan pada evaluasi, bukan pada pemantauan."


def _indikator_kantor_lain(s) -> int:
    ind = Indikator(kecamatan_id=kantor(s, nama="Kalipare").id, kode="IKU-K1", nama="Indikator khusus Kalipare",
                    pembilang="Jumlah")
    s.add(ind)
    s.flush()
    return ind.id


def _sop_kantor_lain(s) -> int:
    return s.exec(select(Sop).where(Sop.kecamatan_id == kantor(s, nama="Kalipare").id)).first().id


@pytest.mark.parametrize("ubah,pesan", [
    (lambda s: dict(teks="  "), "Teks rekomendasi wajib diisi."),
    (lambda s: dict(role_kode="admin"), 'Peran "admin" bukan peran di kantor kecamatan; pilih penanggung jawab '
     "rekomendasi."),
    (lambda s: dict(role_kode="kasi_terkait"), 'Peran "kasi_terkait" bukan peran di kantor kecamatan; pilih '
     "penanggung jawab rekomendasi."),
    (lambda s: dict(role_kode="lurah"), 'Peran "lurah" bukan peran di kantor kecamatan; pilih penanggung jawab '
     "rekomendasi."),
    (lambda s: dict(user_id=pengguna(s, peran="kasi_pem", kecamatan="Kalipare").id),
     "Pengguna yang ditunjuk tidak ada atau bukan pegawai aktif kecamatan ini."),
    (lambda s: dict(user_id=pengguna(s, peran="kasi_ekbang").id), "Kasi Ekbang Poncokusumo tidak memegang "
     "peran Kasi Pemerintahan."),
    (lambda s: dict(indikator_id=_indikator_kantor_lain(s)), "Indikator ini tidak ada dalam IKU kecamatan ini."),
    (lambda s: dict(sop_id=_sop_kantor_lain(s)), "SOP ini bukan SOP kecamatan ini."),
    (lambda s: dict(jatuh_tempo=date(2026, 7, 13)), "Jatuh tempo (13 Juli 2026) tidak boleh sebelum tanggal "
     "evaluasi (14 Juli 2026)."),
    (lambda s: dict(jatuh_tempo=None), "Jatuh tempo wajib diisi."),
    (lambda s: dict(pada=T0 - timedelta(minutes=1)), "Waktu rekomendasi (14 Juli 2026 08.59 WIB) tidak boleh "
     "sebelum evaluasinya dicatat (14 Juli 2026 09.00 WIB)."),
    (lambda s: dict(oleh=pengguna(s, peran="kasi_pem")), "Rekomendasi ditambahkan oleh Tim, Kasubag Evapor, "
     "Sekretaris Camat atau Camat; peran Anda tidak dapat menambahkannya."),
    (lambda s: dict(oleh=pengguna(s, peran="tim", kecamatan="Kalipare")),
     "Rekomendasi hanya dapat ditambahkan pada evaluasi kecamatan Anda sendiri."),
])
def test_a_bad_recommendation_is_refused_and_nothing_is_kept(demo, ubah, pesan):
    with session_scope(demo) as s:
        ev = _evaluasi(s)
        with pytest.raises(Ditolak) as e:
            _rekomendasi(s, ev, **ubah(s))
        assert str(e.value) == pesan
        assert s.exec(select(Rekomendasi)).all() == []
        assert s.exec(select(AuditLog).where(AuditLog.objek == "rekomendasi")).all() == []


def test_an_inactive_user_cannot_be_made_responsible(demo):
    with session_scope(demo) as s:
        ev = _evaluasi(s)
        kasipem = pengguna(s, peran="kasi_pem")
        kasipem.aktif = False
        s.add(kasipem)
        with pytest.raises(Ditolak, match="bukan pegawai aktif kecamatan ini"):
            _rekomendasi(s, ev, user_id=kasipem.id)


# ---------------------------------------------------------------- every transition, and every refused one


def test_every_status_is_reached_through_the_table():
    assert set(JALAN) == set(STATUS)


@pytest.mark.parametrize("dari,aksi", list(TRANSISI), ids=[f"{d}-{a}" for d, a in TRANSISI])
def test_every_allowed_transition(demo, dari, aksi):
    ke = TRANSISI[(dari, aksi)]
    with session_scope(demo) as s:
        rid, t = _sampai(s, dari)
        tl_sebelum = len(_keadaan(s, rid)[1])
        audit_sebelum = len(_audit_rekomendasi(s, rid))
        t += timedelta(minutes=5)
        hasil = _lakukan(s, rid, aksi, t)
    with session_scope(demo) as s:
        r = s.get(Rekomendasi, rid)
        assert r.status == ke
        assert r.selesai_pada == (t if ke == "selesai" else None)
        tl = s.exec(select(TindakLanjut).where(TindakLanjut.rekomendasi_id == rid).order_by(TindakLanjut.id)).all()
        if aksi == "serahkan":
            assert isinstance(hasil, TindakLanjut) and len(tl) == tl_sebelum + 1
            baru = tl[-1]
            assert (baru.id, baru.uraian, baru.bukti, baru.oleh, baru.pada, baru.keputusan) == (
                hasil.id, "Register pengantar KTP diperbaiki dan diperiksa ulang", ["Buku register"],
                pengguna(s, peran="kasi_pem").id, t, None)
        else:
            assert isinstance(hasil, Rekomendasi) and hasil.status == ke and len(tl) == tl_sebelum
        if aksi in ("terima", "kembalikan"):
            assert (tl[-1].keputusan, tl[-1].diperiksa_oleh, tl[-1].diperiksa_pada) == (
                "diterima" if aksi == "terima" else "dikembalikan", pengguna(s, peran="sekcam").id, t)
            assert tl[-1].alasan == (None if aksi == "terima" else "Bukti foto belum dilampirkan")
        log = _audit_rekomendasi(s, rid)
        assert len(log) == audit_sebelum + 1
        assert (log[-1].aksi, log[-1].sebelum, log[-1].sesudah["status"]) == (f"rekomendasi.{aksi}", {"status": dari},
                                                                              ke)
        assert log[-1].username == nama_pengguna(PELAKU[aksi]) and "atas_nama" not in log[-1].sesudah


@pytest.mark.parametrize("status", STATUS)
def test_every_action_the_table_does_not_allow_is_refused_and_changes_nothing(demo, status):
    ditolak = [aksi for aksi in AKSI if (status, aksi) not in TRANSISI]
    assert ditolak
    with session_scope(demo) as s:
        rid, t = _sampai(s, status)
        pesan = f'Rekomendasi berstatus "{StatusRekomendasi(status).label}"; tindakan ini tidak dapat dilakukan.'
        for aksi in ditolak:
            # by the person who would take the action, and by the Camat, who may take every action
            for peran in (PELAKU[aksi], "camat"):
                sebelum = _keadaan(s, rid)
                with pytest.raises(Ditolak) as e:
                    _lakukan(s, rid, aksi, t + timedelta(hours=1), peran=peran)
                assert str(e.value) == pesan, (aksi, peran)
                assert _keadaan(s, rid) == sebelum, (aksi, peran)


# ---------------------------------------------------------------- who may act


@pytest.mark.parametrize("status,aksi,peran,pesan", [
    ("baru", "mulai", "kasi_ekbang", "Rekomendasi ini menjadi tanggung jawab Kasi Pemerintahan; hanya Kasi "
     "Pemerintahan atau Camat yang dapat menindaklanjutinya."),
    ("baru", "mulai", "sekcam", "Rekomendasi ini menjadi tanggung jawab Kasi Pemerintahan; hanya Kasi "
     "Pemerintahan atau Camat yang dapat menindaklanjutinya."),
    ("dalam proses", "serahkan", "tim", "Rekomendasi ini menjadi tanggung jawab Kasi Pemerintahan; hanya Kasi "
     "Pemerintahan atau Camat yang dapat menindaklanjutinya."),
    ("diserahkan", "terima", "kasi_pem", "Tindak lanjut diperiksa oleh Sekretaris Camat atau Camat; peran Anda tidak "
     "dapat memeriksanya."),
    ("diserahkan", "kembalikan", "kasubag_evapor", "Tindak lanjut diperiksa oleh Sekretaris Camat atau Camat; peran "
     "Anda tidak dapat memeriksanya."),
    ("diverifikasi", "akui", "sekcam", "Hanya Camat yang dapat mengakui tindak lanjut sebagai selesai."),
    ("diverifikasi", "akui", "kasi_pem", "Hanya Camat yang dapat mengakui tindak lanjut sebagai selesai."),
])
def test_the_wrong_role_is_refused(demo, status, aksi, peran, pesan):
    with session_scope(demo) as s:
        rid, t = _sampai(s, status)
        sebelum = _keadaan(s, rid)
        with pytest.raises(Ditolak) as e:
            _lakukan(s, rid, aksi, t + timedelta(hours=1), peran=peran)
        assert str(e.value) == pesan
        assert _keadaan(s, rid) == sebelum


def test_another_office_and_an_inactive_user_are_refused(demo):
    with session_scope(demo) as s:
        rid, t = _sampai(s, "diverifikasi")
        lain = pengguna(s, peran="camat", kecamatan="Kalipare")
        _tolak(s, rid, "Rekomendasi ini milik kecamatan lain; Anda tidak dapat mengubahnya.", akui, oleh=lain,
               pada=t + timedelta(hours=1))
        _tolak(s, rid, "Rekomendasi ini milik kecamatan lain; Anda tidak dapat mengubahnya.", akui,
               oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"), pada=t + timedelta(hours=1))
        camat = pengguna(s, peran="camat")
        camat.aktif = False
        s.add(camat)
        _tolak(s, rid, "Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan.", akui, oleh=camat,
               pada=t + timedelta(hours=1))


def test_a_named_user_is_the_only_one_of_the_role_who_may_act(demo):
    with session_scope(demo) as s:
        kedua = pengguna(s, peran="kasi_pem", ke=2, nama="Kasi Pem Kedua")
        r = _rekomendasi(s, _evaluasi(s), user_id=kedua.id)
        _tolak(s, r.id, "Rekomendasi ini ditugaskan kepada Kasi Pem Kedua; hanya ia atau Camat yang dapat "
               "menindaklanjutinya.", mulai_tindak_lanjut, oleh=pengguna(s, peran="kasi_pem"),
               pada=T0 + timedelta(hours=2))
        assert mulai_tindak_lanjut(s, rekomendasi_id=r.id, oleh=kedua, pada=T0 + timedelta(hours=2)).status == \
            "dalam proses"


def test_the_camat_may_act_for_the_responsible_role_and_the_sekcam_audited_as_such(demo):
    with session_scope(demo) as s:
        r = _rekomendasi(s, _evaluasi(s))
        t = T0 + timedelta(hours=1)
        for aksi in ("mulai", "serahkan", "kembalikan", "mulai", "serahkan", "terima", "akui"):
            t += timedelta(hours=1)
            _lakukan(s, r.id, aksi, t, peran="camat")
        log = _audit_rekomendasi(s, r.id)[1:]
        assert [x.sesudah.get("atas_nama") for x in log] == ["kasi_pem", "kasi_pem", "sekcam", "kasi_pem",
                                                             "kasi_pem", "sekcam", None]
        assert s.get(Rekomendasi, r.id).status == "selesai"


def test_a_recommendation_for_the_camat_is_the_camats_own_work(demo):
    with session_scope(demo) as s:
        r = _rekomendasi(s, _evaluasi(s), role_kode="camat")
        _lakukan(s, r.id, "mulai", T0 + timedelta(hours=2), peran="camat")
        assert "atas_nama" not in _audit_rekomendasi(s, r.id)[-1].sesudah


# ---------------------------------------------------------------- what a transition needs


def test_a_return_needs_a_reason(demo):
    with session_scope(demo) as s:
        rid, t = _sampai(s, "diserahkan")
        sekcam = pengguna(s, peran="sekcam")
        for alasan in (None, "", "   \n"):
            _tolak(s, rid, "Alasan pengembalian wajib diisi.", periksa, terima=False, alasan=alasan, oleh=sekcam,
                   pada=t + timedelta(hours=1))
        periksa(s, rekomendasi_id=rid, terima=False, alasan="  Foto kegiatan belum ada ", oleh=sekcam,
                pada=t + timedelta(hours=1))
        tl = s.exec(select(TindakLanjut).where(TindakLanjut.rekomendasi_id == rid)).one()
        assert (tl.keputusan, tl.alasan) == ("dikembalikan", "Foto kegiatan belum ada")
        assert _audit_rekomendasi(s, rid)[-1].keterangan == "Foto kegiatan belum ada"


def test_a_hand_in_needs_a_description(demo):
    with session_scope(demo) as s:
        rid, t = _sampai(s, "dalam proses")
        _tolak(s, rid, "Uraian tindak lanjut wajib diisi.", serahkan, uraian=" ", oleh=pengguna(s, peran="kasi_pem"),
               pada=t + timedelta(hours=1))


def test_times_may_not_run_backwards_and_must_be_aware(demo):
    with session_scope(demo) as s:
        r = _rekomendasi(s, _evaluasi(s))  # added at 10.00 WIB
        kasipem = pengguna(s, peran="kasi_pem")
        _tolak(s, r.id, "Waktu tindakan (14 Juli 2026 09.59 WIB) tidak boleh sebelum tindakan sebelumnya pada "
               "rekomendasi ini (14 Juli 2026 10.00 WIB).", mulai_tindak_lanjut, oleh=kasipem,
               pada=T0 + timedelta(minutes=59))
        mulai_tindak_lanjut(s, rekomendasi_id=r.id, oleh=kasipem, pada=T0 + timedelta(hours=3))
        _tolak(s, r.id, "Waktu tindakan (14 Juli 2026 11.00 WIB) tidak boleh sebelum tindakan sebelumnya pada "
               "rekomendasi ini (14 Juli 2026 12.00 WIB).", serahkan, uraian="Selesai", oleh=kasipem,
               pada=T0 + timedelta(hours=2))
        with pytest.raises(ValueError, match="zona waktu"):
            serahkan(s, rekomendasi_id=r.id, uraian="Selesai", oleh=kasipem, pada=datetime(2026, 7, 14, 12, 0))
        # the same instant as the previous transition is allowed; no time given means now
        serahkan(s, rekomendasi_id=r.id, uraian="Selesai", oleh=kasipem, pada=T0 + timedelta(hours=3))
        sebelum = datetime.now(timezone.utc)
        periksa(s, rekomendasi_id=r.id, terima=True, oleh=pengguna(s, peran="sekcam"))
        assert riwayat(s, r.id)[-1]["waktu"] >= sebelum


def test_a_change_made_by_someone_else_in_the_meantime_is_refused(demo):
    with session_scope(demo) as s:
        rid, t = _sampai(s, "dalam proses")
    with session_scope(demo) as lambat:  # read before the other person's hand-in commits
        dibaca = lambat.get(Rekomendasi, rid)  # kept, so the session answers from what it read
        assert dibaca.status == "dalam proses"
        camat = pengguna(lambat, peran="camat")
        with session_scope(demo) as cepat:
            _lakukan(cepat, rid, "serahkan", t + timedelta(hours=1))
        with pytest.raises(Ditolak) as e:
            serahkan(lambat, rekomendasi_id=rid, uraian="Versi Camat", oleh=camat, pada=t + timedelta(hours=2))
        assert str(e.value) == PESAN_BENTROK == "Rekomendasi ini sudah diubah oleh orang lain; muat ulang halaman."
    with session_scope(demo) as s:
        assert s.get(Rekomendasi, rid).status == "diserahkan"
        assert [tl.uraian for tl in s.exec(select(TindakLanjut))] == [
            "Register pengantar KTP diperbaiki dan diperiksa ulang"]
        assert [x.aksi for x in _audit_rekomendasi(s, rid)] == ["rekomendasi.tambah", "rekomendasi.mulai",
                                                                "rekomendasi.serahkan"]


def test_an_unknown_recommendation(demo):
    with session_scope(demo) as s:
        with pytest.raises(Ditolak, match="^Rekomendasi tidak ditemukan.$"):
            mulai_tindak_lanjut(s, rekomendasi_id=999, oleh=pengguna(s, peran="camat"))
        with pytest.raises(Ditolak, match="^Evaluasi tidak ditemukan.$"):
            tambah_rekomendasi(s, evaluasi_id=999, teks="x", role_kode="kasi_pem", jatuh_tempo=JATUH_TEMPO,
                               oleh=pengguna(s, peran="camat"))


# ---------------------------------------------------------------- history and lists


def test_the_history_of_a_full_cycle_with_one_return(demo):
    langkah = [("mulai", "kasi_pem"), ("serahkan", "kasi_pem"), ("kembalikan", "sekcam"), ("mulai", "kasi_pem"),
               ("serahkan", "kasi_pem"), ("terima", "camat"), ("akui", "camat")]
    with session_scope(demo) as s:
        r = _rekomendasi(s, _evaluasi(s))
        rid = r.id
        waktu = [T0 + timedelta(hours=1)]
        for i, (aksi, peran) in enumerate(langkah):
            waktu.append(T0 + timedelta(days=i + 1))
            _lakukan(s, rid, aksi, waktu[-1], peran=peran)
    with session_scope(demo) as s:
        h = riwayat(s, rid)
        tim, kasi, sekcam, camat = ("Tim Akuntabilitas Kinerja Poncokusumo", "Kasi Pemerintahan Poncokusumo",
                                    "Sekretaris Camat Poncokusumo", "Camat Poncokusumo")
        assert [(x["aksi"], x["dari"], x["ke"], x["oleh"], x["alasan"], x["atas_nama"]) for x in h] == [
            ("tambah", None, "baru", tim, None, None),
            ("mulai", "baru", "dalam proses", kasi, None, None),
            ("serahkan", "dalam proses", "diserahkan", kasi, None, None),
            ("kembalikan", "diserahkan", "dikembalikan", sekcam, "Bukti foto belum dilampirkan", None),
            ("mulai", "dikembalikan", "dalam proses", kasi, None, None),
            ("serahkan", "dalam proses", "diserahkan", kasi, None, None),
            ("terima", "diserahkan", "diverifikasi", camat, None, "sekcam"),
            ("akui", "diverifikasi", "selesai", camat, None, None),
        ]
        assert [x["waktu"] for x in h] == waktu
        assert set(h[0]) == {"waktu", "oleh", "aksi", "dari", "ke", "alasan", "atas_nama"}
        r = s.get(Rekomendasi, rid)
        assert (r.status, r.selesai_pada) == ("selesai", waktu[-1])
        tl = s.exec(select(TindakLanjut).where(TindakLanjut.rekomendasi_id == rid).order_by(TindakLanjut.id)).all()
        assert [(x.keputusan, x.alasan, x.pada, x.diperiksa_pada) for x in tl] == [
            ("dikembalikan", "Bukti foto belum dilampirkan", waktu[2], waktu[3]),
            ("diterima", None, waktu[5], waktu[6]),
        ]
        assert riwayat(s, 999) == []


def test_the_list_follows_scope_period_and_status(demo):
    with session_scope(demo) as s:
        ponco, kalipare = kantor(s).id, kantor(s, nama="Kalipare").id
        ev2 = _evaluasi(s)
        a = _rekomendasi(s, ev2, jatuh_tempo=date(2026, 8, 31))
        b = _rekomendasi(s, ev2, jatuh_tempo=date(2026, 7, 20))
        ev3 = _evaluasi(s, triwulan=3, tanggal=date(2026, 10, 6), pada=T0 + timedelta(days=90))
        c = _rekomendasi(s, ev3, jatuh_tempo=date(2026, 10, 30), pada=T0 + timedelta(days=90))
        d = _rekomendasi(s, _evaluasi(s, kecamatan="Kalipare"))
        _lakukan(s, b.id, "mulai", T0 + timedelta(hours=2))

        def ids(**kw):
            return [r.id for r in daftar_rekomendasi(s, **kw)]

        assert ids(kecamatan_ids=None) == [b.id, d.id, a.id, c.id]  # earliest due first
        assert ids(kecamatan_ids=[]) == []
        assert ids(kecamatan_ids=[kalipare]) == [d.id]
        assert ids(kecamatan_ids=[ponco], tahun=2026, triwulan=2) == [b.id, a.id]
        assert ids(kecamatan_ids=[ponco], triwulan=3) == [c.id]
        assert ids(kecamatan_ids=None, tahun=2025) == []
        assert ids(kecamatan_ids=None, status="dalam proses") == [b.id]
        assert ids(kecamatan_ids=[ponco, kalipare], status="baru") == [d.id, a.id, c.id]
        with pytest.raises(Ditolak, match='Status "tertunda" tidak dikenal.'):
            daftar_rekomendasi(s, kecamatan_ids=None, status="tertunda")
