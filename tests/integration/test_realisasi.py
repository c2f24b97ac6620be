"""Quarterly figures through the office's collection SOP: entry, validation, every step, return, approval, reopening."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from models.db import session_scope
from models.kinerja.iku import (
    iku_kantor,
    riwayat_target,
    target_berlaku,
    tetapkan_target,
)
from models.kinerja.realisasi import (
    Isian,
    ajukan,
    buka_kembali,
    simpan_draf,
)
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import AuditLog, CatatanLangkah, Eksekusi, Realisasi, SopLangkah, User
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import KANTOR, kantor, nama_pengguna, pengguna

HARI_INI = date(2026, 11, 21)
T0 = datetime(2026, 10, 5, 2, 0, tzinfo=timezone.utc)


def _kantor(s, nama=KANTOR):
    kec = kantor(s, nama=nama)
    return kec, {i.kode: i for i in iku_kantor(s, kec.id)}


def _isi(s, kode="IKU-1", pembilang="45", penyebut="50", versi=None, peran="kasubag_evapor", triwulan=3,
         bukti=("Daftar hadir Musrenbangcam", "Berita Acara")):
    kec, iku = _kantor(s)
    return simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=triwulan, hari_ini=HARI_INI, pada=T0,
                       isian=Isian(iku[kode].id, pembilang, penyebut, "catatan uji", list(bukti), versi),
                       oleh=pengguna(s, peran=peran))


def _langkah(s, rec: CatatanLangkah) -> SopLangkah:
    return s.get(SopLangkah, rec.langkah_id)


def test_seed_offices_report_on_the_shared_iku_and_their_own_with_targets(demo):
    with session_scope(demo) as s:
        kec, iku = _kantor(s)
        assert list(iku) == ["IKU-1", "IKU-2", "IKU-3", "IKU-7"]  # IKU-7: Poncokusumo's own count indicator
        assert iku["IKU-2"].nama == "Persentase pelayanan pengantar KTP, KK dan mutasi pindah yang diselesaikan"
        t = target_berlaku(s, indikator_id=iku["IKU-1"].id, kecamatan_id=kec.id, tahun=date.today().year)
        assert t.nilai == 90.0


def test_a_target_revision_keeps_the_old_value_who_and_why(demo):
    with session_scope(demo) as s:
        kec, iku = _kantor(s)
        evapor = pengguna(s, peran="kasubag_evapor")
        tetapkan_target(s, indikator_id=iku["IKU-3"].id, kecamatan_id=kec.id, tahun=2030, nilai=70, oleh=evapor)
        with pytest.raises(Ditolak, match="perubahan target wajib disertai alasan"):
            tetapkan_target(s, indikator_id=iku["IKU-3"].id, kecamatan_id=kec.id, tahun=2030, nilai=80, oleh=evapor)
    with session_scope(demo) as s:
        kec, iku = _kantor(s)
        tetapkan_target(s, indikator_id=iku["IKU-3"].id, kecamatan_id=kec.id, tahun=2030, nilai=80,
                        oleh=pengguna(s, peran="camat"), alasan="Perubahan Perjanjian Kinerja")
    with session_scope(demo) as s:
        kec, iku = _kantor(s)
        baru, lama = riwayat_target(s, indikator_id=iku["IKU-3"].id, kecamatan_id=kec.id, tahun=2030)
        assert (baru.nilai, baru.berlaku, baru.alasan, baru.menggantikan_id) == (80, True, "Perubahan Perjanjian "
                                                                                 "Kinerja", lama.id)
        assert (lama.nilai, lama.berlaku) == (70, False)
        assert s.get(User, baru.diubah_oleh).username == "camat.poncokusumo"
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "target.ubah")).one()
        assert log.sebelum == {"nilai": 70} and log.keterangan == "Perubahan Perjanjian Kinerja"


@pytest.mark.parametrize("kwargs,pesan", [
    (dict(pembilang="120", penyebut="100"), "IKU-1 Persentase partisipasi delegasi Musrenbangcam, triwulan III "
     "2026: delegasi yang hadir (120) lebih besar dari delegasi yang diundang (100)."),
    (dict(pembilang="-1"), "delegasi yang hadir tidak boleh negatif (-1)."),
    (dict(pembilang=""), "delegasi yang hadir belum diisi (kosong tidak sama dengan 0)."),
    (dict(penyebut=None), "delegasi yang diundang belum diisi (kosong tidak sama dengan 0)."),
    (dict(penyebut="0"), "delegasi yang diundang tidak boleh 0."),
    (dict(pembilang="empat"), '"empat" bukan angka.'),
    (dict(triwulan=1, pembilang="1.234,5", penyebut="1.000"), "(1.234,5) lebih besar dari delegasi yang diundang "
     "(1.000)."),
    (dict(triwulan=4, peran="kasi_pem"), "peran Anda tidak mengisi realisasi indikator ini."),
])
def test_bad_entries_are_refused_with_what_and_where(demo, kwargs, pesan):
    with session_scope(demo) as s:
        with pytest.raises(Ditolak) as e:
            _isi(s, **kwargs)
        assert pesan in str(e.value)
    with session_scope(demo) as s:
        assert s.exec(select(Realisasi)).all() == []


def test_future_quarter_and_second_entry_are_refused(demo):
    with session_scope(demo) as s:
        kec, iku = _kantor(s)
        with pytest.raises(Ditolak, match="triwulan I 2027: triwulan ini belum dimulai"):
            simpan_draf(s, kecamatan_id=kec.id, tahun=2027, triwulan=1, hari_ini=HARI_INI,
                        isian=Isian(iku["IKU-1"].id, "1", "2"), oleh=pengguna(s, peran="kasubag_evapor"))
        _isi(s)
    with session_scope(demo) as s:
        with pytest.raises(Ditolak, match="sudah ada \\(status draf\\); ubah yang ada, jangan mengisi dua"):
            _isi(s, pembilang="40")
        assert s.exec(select(Realisasi)).one().pembilang == 45


def test_two_people_saving_the_same_figure_the_second_is_refused(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        versi = r.versi
    with session_scope(demo) as s:
        _isi(s, pembilang="46", versi=versi, peran="camat")
    with session_scope(demo) as s:
        with pytest.raises(Ditolak, match="angka ini baru saja diubah oleh Camat Poncokusumo. Perubahan "
                                                   "Anda tidak disimpan"):
            _isi(s, pembilang="44", versi=versi)
    with session_scope(demo) as s:
        r = s.exec(select(Realisasi)).one()
        assert (r.pembilang, r.versi, r.nilai) == (46, versi + 1, 92.0)


def _jalankan_sampai_camat(s, eks_id, *, kembalikan_di_sekcam: bool):
    """Carry an execution from step 3 to the Camat's approval; returns the record ids in order."""
    t = T0
    urutan = []
    while True:
        rec = catatan_terbuka(s, eks_id)
        if rec is None:
            return urutan
        lk = _langkah(s, rec)
        user = pengguna(s, peran=rec.role_kode)
        t += timedelta(minutes=30)
        urutan.append((lk.no, rec.role_kode, rec.percobaan))
        r = s.exec(select(Realisasi).where(Realisasi.eksekusi_id == eks_id)).one()
        if r.status == "dikembalikan":  # corrected on Isi Realisasi; the resubmission completes this step
            r = _isi(s, pembilang="44", versi=r.versi)
            ajukan(s, realisasi_id=r.id, oleh=user, pada=t)
        elif lk.keputusan and rec.role_kode == "sekcam" and kembalikan_di_sekcam:
            kembalikan_di_sekcam = False
            with pytest.raises(Ditolak, match="Alasan pengembalian wajib diisi."):
                putuskan(s, catatan_id=rec.id, setuju=False, alasan="  ", oleh=user, pada=t)
            putuskan(s, catatan_id=rec.id, setuju=False, alasan="Jumlah undangan belum cocok dengan berita acara",
                     oleh=user, pada=t)
        elif lk.keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=user, pada=t)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=user, pada=t)


def test_a_figure_goes_through_every_step_with_one_return_to_the_camats_approval(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        eks = ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0 + timedelta(minutes=5))
        eks_id, r_id = eks.id, r.id
        assert s.get(Realisasi, r_id).status == "diajukan"
    with session_scope(demo) as s:
        with pytest.raises(Ditolak, match="berstatus dalam proses sop dan terkunci"):
            _isi(s, pembilang="40", versi=s.get(Realisasi, r_id).versi)
        rec = catatan_terbuka(s, eks_id)
        with pytest.raises(Ditolak, match="Langkah ini menunggu pelaksana lain"):
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=pengguna(s, peran="sekcam"))
        with pytest.raises(Ditolak, match="Langkah ini menunggu pelaksana lain"):  # another office's Evapor
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare"))
        urutan = _jalankan_sampai_camat(s, eks_id, kembalikan_di_sekcam=True)
    assert urutan == [("3", "kasubag_evapor", 1), ("4", "kasubag_evapor", 1), ("5", "sekcam", 1),
                      ("3", "kasubag_evapor", 2), ("4", "kasubag_evapor", 2), ("5", "sekcam", 2), ("5", "camat", 1),
                      ("6", "kasubag_evapor", 1)]
    with session_scope(demo) as s:
        r = s.get(Realisasi, r_id)
        assert r.status == "resmi" and s.get(User, r.disahkan_oleh).username == "camat.poncokusumo"
        eks = s.get(Eksekusi, eks_id)
        assert eks.status == "selesai"
        recs = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)
                      .order_by(CatatanLangkah.id)).all()
        assert [(_langkah(s, c).no, c.hasil) for c in recs] == [
            ("1", "selesai"), ("2", "selesai"), ("3", "disetujui"), ("4", "selesai"), ("5", "dikembalikan"),
            ("3", "disetujui"), ("4", "selesai"), ("5", "disetujui"), ("5", "disetujui"), ("6", "selesai")]
        assert recs[0].bukti == ["Daftar hadir Musrenbangcam", "Berita Acara"]
        assert recs[0].diterima_pada == T0 and recs[0].selesai_pada == T0 + timedelta(minutes=5)
        assert recs[4].catatan == "Jumlah undangan belum cocok dengan berita acara"
        assert all(c.selesai_pada >= c.diterima_pada for c in recs)
        aksi = [a.aksi for a in s.exec(select(AuditLog).where(AuditLog.aksi.like("langkah.%")))]
        assert len(aksi) == 10 and aksi.count("langkah.dikembalikan") == 1
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "realisasi.resmi")).one().objek_id == r_id
        with pytest.raises(Ditolak, match="berstatus resmi dan terkunci"):
            _isi(s, pembilang="40", versi=r.versi)


def test_a_return_to_the_entry_step_unlocks_the_figure_for_correction(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        eks = ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0)
        rec = catatan_terbuka(s, eks.id)
        assert _langkah(s, rec).no == "3"
        baru = putuskan(s, catatan_id=rec.id, setuju=False, alasan="Berita acara belum dilampirkan",
                        oleh=pengguna(s, peran="kasubag_evapor"), pada=T0 + timedelta(hours=1))
        assert (_langkah(s, baru).no, baru.role_kode, baru.percobaan) == ("1", "kasi_ekbang", 2)
        r = s.get(Realisasi, r.id)
        assert r.status == "dikembalikan"
        r = _isi(s, pembilang="44", versi=r.versi, peran="kasi_ekbang")
        ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasi_ekbang"), pada=T0 + timedelta(hours=2))
        rec = catatan_terbuka(s, eks.id)
        assert (_langkah(s, rec).no, rec.percobaan) == ("3", 2)
        assert s.get(Realisasi, r.id).status == "diajukan"


def test_reopening_an_official_figure_needs_the_camat_and_a_reason(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        eks = ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0)
        _jalankan_sampai_camat(s, eks.id, kembalikan_di_sekcam=False)
        r_id = r.id
    with session_scope(demo) as s:
        with pytest.raises(Ditolak, match="hanya Camat kecamatan ini yang dapat membuka kembali"):
            buka_kembali(s, realisasi_id=r_id, alasan="salah ketik", oleh=pengguna(s, peran="sekcam"))
        with pytest.raises(Ditolak, match="alasan membuka kembali wajib diisi"):
            buka_kembali(s, realisasi_id=r_id, alasan=" ", oleh=pengguna(s, peran="camat"))
        buka_kembali(s, realisasi_id=r_id, alasan="Daftar hadir susulan", oleh=pengguna(s, peran="camat"))
    with session_scope(demo) as s:
        r = s.get(Realisasi, r_id)
        assert r.status == "dibuka"
        r = _isi(s, pembilang="47", versi=r.versi)
        ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0 + timedelta(days=1))
        assert len(s.exec(select(Eksekusi).where(Eksekusi.subjek_id == r_id)).all()) == 2
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "realisasi.dibuka")).one()
        assert log.keterangan == "Daftar hadir susulan" and log.username == "camat.poncokusumo"


def test_an_office_without_the_collection_sop_is_told_so(demo):
    with session_scope(demo) as s:
        kec, iku = _kantor(s, "Karangploso")
        r = simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=3, hari_ini=HARI_INI,
                        isian=Isian(iku["IKU-1"].id, "10", "12"),
                        oleh=pengguna(s, peran="kasubag_evapor", kecamatan="Karangploso"))
        with pytest.raises(Ditolak, match="Kecamatan Karangploso belum memiliki SOP pengumpulan data"):
            ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor", kecamatan="Karangploso"))


def test_a_returned_entry_step_moves_on_only_by_resubmitting(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        eks = ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0)
        rec = catatan_terbuka(s, eks.id)
        baru = putuskan(s, catatan_id=rec.id, setuju=False, alasan="Foto belum ada",
                        oleh=pengguna(s, peran="kasubag_evapor"),
                        pada=T0 + timedelta(hours=1))
        with pytest.raises(Ditolak, match="perbaiki angka di halaman Isi Realisasi lalu ajukan kembali"):
            selesaikan(s, catatan_id=baru.id, oleh=pengguna(s, peran="kasi_ekbang"))
        assert catatan_terbuka(s, eks.id).id == baru.id


def test_a_step_closed_by_someone_else_in_the_meantime_is_refused(demo):
    with session_scope(demo) as s:
        r = _isi(s)
        eks_id = ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0).id
    with session_scope(demo) as s:
        rec_id = catatan_terbuka(s, eks_id).id
    with session_scope(demo) as lambat:  # read before the other person's approval commits
        rec_lambat = lambat.get(CatatanLangkah, rec_id)
        assert rec_lambat.selesai_pada is None
        with session_scope(demo) as cepat:
            putuskan(cepat, catatan_id=rec_id, setuju=True, oleh=pengguna(cepat, peran="kasubag_evapor"))
        with pytest.raises(Ditolak, match="sudah diselesaikan oleh orang lain"):
            putuskan(lambat, catatan_id=rec_id, setuju=True, oleh=pengguna(lambat, peran="camat"))
    with session_scope(demo) as s:
        recs = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)).all()
        assert len(recs) == 4 and sum(c.selesai_pada is None for c in recs) == 1


def test_a_first_entry_is_undone_with_its_transaction(demo):
    """A new figure is written in the caller's transaction: a failure later in it leaves nothing behind."""
    with pytest.raises(RuntimeError):
        with session_scope(demo) as s:
            _isi(s, kode="IKU-2", pembilang="90", penyebut="100")
            raise RuntimeError("gagal sesudahnya")
    with session_scope(demo) as s:
        assert s.exec(select(Realisasi)).all() == []


def test_a_racing_first_entry_is_refused_by_the_unique_constraint(demo, monkeypatch):
    import models.kinerja.realisasi

    with session_scope(demo) as s:
        _isi(s, kode="IKU-2", pembilang="90", penyebut="100")
    monkeypatch.setattr(models.kinerja.realisasi, "cari", lambda *a, **k: None)  # as if the other entry came in between
    with pytest.raises(Ditolak, match="realisasi triwulan ini sudah diisi orang lain; muat ulang halaman."):
        with session_scope(demo) as s:
            _isi(s, kode="IKU-2", pembilang="10", penyebut="100")
    with session_scope(demo) as s:
        assert [(r.pembilang, r.versi) for r in s.exec(select(Realisasi))] == [(90, 1)]


def test_a_quarter_not_yet_ended_is_kept_as_a_draft_and_submitted_from_its_last_day(demo):
    """Entered on 27 November 2026, a fourth-quarter figure is saved as a draft; submitting it is refused until
    31 December 2026 (WIB), and from that day on it runs its SOP."""
    wib = timezone(timedelta(hours=7))
    with session_scope(demo) as s:
        r = _isi(s, triwulan=4)
        r_id = r.id
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        ajukan(s, realisasi_id=r_id, oleh=pengguna(s, peran="kasubag_evapor"),
               pada=datetime(2026, 12, 30, 23, 59, tzinfo=wib))
    assert str(e.value) == ("IKU-1 Persentase partisipasi delegasi Musrenbangcam, triwulan IV 2026: triwulan ini "
                            "berakhir 31 Desember 2026; angkanya dapat disimpan sebagai draf, dan diajukan mulai hari "
                            "terakhir triwulan.")
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        eks = ajukan(s, realisasi_id=r_id, oleh=pengguna(s, peran="kasubag_evapor"),
                     pada=datetime(2026, 12, 31, 8, tzinfo=wib))
        assert (s.get(Realisasi, r_id).status, eks.status) == ("diajukan", "berjalan")


def _dikembalikan_sekcam(demo) -> tuple[int, int]:
    """Poncokusumo's IKU-3 of triwulan III 2026 (30/35) through the Evapor's steps 3 and 4 to the Sekretaris Camat,
    who returns it to step 3 with "penyebut 36, bukan 35"; (execution id, figure id)."""
    with session_scope(demo) as s:
        evapor, sekcam = pengguna(s, peran="kasubag_evapor"), pengguna(s, peran="sekcam")
        r = _isi(s, "IKU-3", "30", "35", bukti=())
        eks_id = ajukan(s, realisasi_id=r.id, oleh=evapor, pada=T0).id
        putuskan(s, catatan_id=catatan_terbuka(s, eks_id).id, setuju=True, oleh=evapor, pada=T0 + timedelta(hours=1))
        selesaikan(s, catatan_id=catatan_terbuka(s, eks_id).id, oleh=evapor, pada=T0 + timedelta(hours=2))
        rec = catatan_terbuka(s, eks_id)
        assert (_langkah(s, rec).no, rec.role_kode) == ("5", "sekcam")
        putuskan(s, catatan_id=rec.id, setuju=False, alasan="penyebut 36, bukan 35", oleh=sekcam,
                 pada=T0 + timedelta(hours=3))
        return eks_id, r.id


def test_a_figure_the_sekcam_returns_opens_for_the_evapor_to_correct_and_resubmit(demo):
    """The Sekretaris Camat returns IKU-3 to the Kasubag Evapor's check (step 3): the figure opens for editing with
    the reason, Beranda lists it for the Evapor, the step itself cannot be approved unchanged, and the corrected
    figure's resubmission completes step 3."""
    from models.kinerja.realisasi import dikembalikan_untuk, pengembalian

    eks_id, r_id = _dikembalikan_sekcam(demo)
    with session_scope(demo) as s:
        r = s.get(Realisasi, r_id)
        assert r.status == "dikembalikan"
        p = pengembalian(s, r)
        assert (p.alasan, p.oleh, p.peran, p.menunggu) == ("penyebut 36, bukan 35", "Sekretaris Camat Poncokusumo",
                                                           "Sekretaris Camat", "Kasubag Evapor")
        assert [(x.id, p.alasan) for x, _ind, p in dikembalikan_untuk(s, pengguna(s, peran="kasubag_evapor"))] == [
            (r_id, "penyebut 36, bukan 35")]
        assert dikembalikan_untuk(s, pengguna(s, peran="sekcam")) == []
        rec = catatan_terbuka(s, eks_id)
        with pytest.raises(Ditolak) as e:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=pengguna(s, peran="kasubag_evapor"))
        assert str(e.value) == ("Angka ini dikembalikan untuk diperbaiki: perbaiki di halaman Isi Realisasi lalu "
                                "ajukan kembali; pengajuan itu menyelesaikan langkah ini.")
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        ajukan(s, realisasi_id=r_id, oleh=pengguna(s, peran="kasi_trantib"), pada=T0 + timedelta(hours=4))
    assert str(e.value).endswith("triwulan III 2026: angka ini dikembalikan ke langkah yang dikerjakan Kasubag "
                                 "Evapor; perbaikannya diajukan oleh peran itu.")
    with session_scope(demo) as s:
        r = _isi(s, "IKU-3", "30", "36", versi=s.get(Realisasi, r_id).versi, bukti=())
        ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_evapor"), pada=T0 + timedelta(hours=4))
    with session_scope(demo) as s:
        r = s.get(Realisasi, r_id)
        assert (r.status, r.penyebut, pengembalian(s, r)) == ("diajukan", 36.0, None)
        recs = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)
                      .order_by(CatatanLangkah.id)).all()
        assert [(_langkah(s, c).no, c.hasil, c.catatan) for c in recs[-3:]] == [
            ("5", "dikembalikan", "penyebut 36, bukan 35"), ("3", "disetujui", "Angka diperbaiki dan diajukan kembali."),
            ("4", None, None)]
        assert s.get(User, recs[-2].pelaku_id).username == "evapor.poncokusumo"


def test_a_figure_returned_to_the_evapors_check_is_hers_to_correct_or_to_send_back_to_the_kasi(demo):
    """While the figure waits at the Kasubag Evapor's check after the Sekretaris Camat returned it, the Kasi may
    not change it; the Evapor may still return it to the Kasi's entry step, and then the Kasi corrects it."""
    eks_id, r_id = _dikembalikan_sekcam(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        _isi(s, "IKU-3", "30", "36", versi=s.get(Realisasi, r_id).versi, peran="kasi_trantib", bukti=())
    assert str(e.value).endswith("triwulan III 2026: angka ini dikembalikan ke langkah yang dikerjakan Kasubag "
                                 "Evapor; perbaikannya diajukan oleh peran itu.")
    with session_scope(demo) as s:
        baru = putuskan(s, catatan_id=catatan_terbuka(s, eks_id).id, setuju=False,
                        alasan="Data poskamling dari desa perlu dicek ulang", oleh=pengguna(s, peran="kasubag_evapor"),
                        pada=T0 + timedelta(hours=4))
        assert (_langkah(s, baru).no, baru.role_kode) == ("1", "kasi_trantib")
        r = _isi(s, "IKU-3", "30", "36", versi=s.get(Realisasi, r_id).versi, peran="kasi_trantib", bukti=())
        ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasi_trantib"), pada=T0 + timedelta(hours=5))
        assert s.get(Realisasi, r_id).status == "diajukan"
        rec = catatan_terbuka(s, eks_id)
        assert (_langkah(s, rec).no, rec.role_kode) == ("3", "kasubag_evapor")


@pytest.mark.parametrize("peran", ["sekcam", "staf"])
def test_a_role_that_does_not_enter_the_figure_reads_why_on_the_form(client, app, demo, peran):
    """Saving from Isi Realisasi as a role that does not collect the indicator: the person reads the domain's
    reason (not a silent 403), and nothing is written."""
    from tests.conftest import masuk
    from tests.dash_util import daftar_callback, panggil, teks_jawaban

    with session_scope(demo) as s:
        ind = next(i for i in iku_kantor(s, pengguna(s, peran="kasubag_evapor").kecamatan_id) if i.kode == "IKU-3")
        ind_id = ind.id
    sebelum = sidik_basis_data(demo)
    masuk(client, nama_pengguna(peran))
    client.get("/_dash-layout")
    kunci = next(k for k, cb in daftar_callback(app).items()
                 if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == "callbacks.realisasi.simpan")
    teks = teks_jawaban(panggil(client, app, kunci, indikator_id=ind_id, periode={"tahun": 2026, "triwulan": 3},
                                pembilang="30", penyebut="35", catatan=None, bukti=[], versi=None))
    assert teks.split(" | ")[:2] == ["IKU-3 Persentase poskamling aktif, triwulan III 2026: peran Anda tidak "
                                     "mengisi realisasi indikator ini.", "danger"]
    assert sidik_basis_data(demo) == sebelum
