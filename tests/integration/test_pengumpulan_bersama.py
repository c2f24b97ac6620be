"""One execution carrying several figures: Muara Papalik collects every indicator of a quarter at once through its
"Mekanisme Pengumpulan Data Kinerja" (six steps, no Camat decision), and the figures become official when that
execution ends, whoever does its last step. Which SOP collects an indicator, and how, is chosen per office."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import func, select

from models.db import session_scope
from models.kinerja.iku import (
    atur_pengumpul,
    iku_kantor,
    per_triwulan,
    sop_pengumpul,
)
from models.kinerja.realisasi import Isian, ajukan, simpan_draf
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.tables import (
    AuditLog,
    CatatanLangkah,
    Eksekusi,
    PengumpulanIku,
    Realisasi,
    Sop,
    SopLangkah,
    User,
)
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import KANTOR, kantor, pengguna

T0 = datetime(2026, 4, 6, 1, 0, tzinfo=timezone.utc)  # Monday 6 April 2026, 08:00 WIB
ANGKA = {"IKU-1": ("9", "12"), "IKU-2": ("180", "200"), "IKU-3": ("40", "60"), "IKU-4": ("2", "20"),
         "IKU-5": ("5", None)}  # IKU-5: the office's own count indicator, no penyebut
# Curated pelaksana of the six steps (seed/pelaksana.toml)
PELAKSANA = ["kasubag_renkeu", "analis_perencanaan", "sekcam", "kasubag_umum", "kasubag_renkeu", "analis_perencanaan"]
MUARA = "Muara Papalik"


def _isi(s, kode: str, *, peran: str = "kasubag_renkeu") -> Realisasi:
    kec = kantor(s, nama=MUARA)
    ind = next(i for i in iku_kantor(s, kec.id) if i.kode == kode)
    p, q = ANGKA[kode]
    return simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=1, isian=Isian(ind.id, p, q),
                       oleh=pengguna(s, peran=peran, kecamatan=MUARA),
                       pada=T0)


def test_the_demo_collects_muara_papaliks_indicators_together_through_its_own_sop(demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama=MUARA)
        iku = iku_kantor(s, kec.id)
        assert [i.kode for i in iku] == ["IKU-1", "IKU-2", "IKU-3", "IKU-4", "IKU-5"]
        assert {sop_pengumpul(s, i, kec.id).nama for i in iku} == {"MEKANISME PENGUMPULAN DATA KINERJA"}
        assert all(per_triwulan(s, i, kec.id) for i in iku)
        poncokusumo = kantor(s)
        assert not any(per_triwulan(s, i, poncokusumo.id) for i in iku_kantor(s, poncokusumo.id))
        # Every role the office's SOPs name has a person.
        peran = set(s.exec(select(User.role_kode).where(User.kecamatan_id == kec.id)))
        assert {"camat", "sekcam", "kasubag_renkeu", "analis_perencanaan", "kasubag_umum"} <= peran


def test_a_quarter_is_submitted_only_with_every_indicator_and_changes_nothing_when_refused(demo):
    with session_scope(demo) as s:
        for kode in ("IKU-1", "IKU-2", "IKU-3"):
            r = _isi(s, kode)
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        ajukan(s, realisasi_id=r.id, oleh=pengguna(s, peran="kasubag_renkeu", kecamatan=MUARA),
               pada=T0 + timedelta(hours=1))
    assert str(e.value) == ("Triwulan I 2026: SOP MEKANISME PENGUMPULAN DATA KINERJA mengajukan semua indikator "
                            "triwulan ini sekaligus; isi dahulu: IKU-4 Persentase gangguan ketenteraman dan "
                            "ketertiban yang tidak tertangani, IKU-5 Jumlah pembinaan administrasi pemerintahan desa "
                            "yang dilaksanakan.")
    assert sidik_basis_data(demo) == sidik


def test_a_kasi_does_not_enter_figures_the_kasubag_perencanaan_collects(demo):
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        _isi(s, "IKU-1", peran="kasi_pem")
    assert str(e.value).endswith(", triwulan I 2026: peran Anda tidak mengisi realisasi indikator ini.")


def test_one_execution_carries_the_quarter_and_its_end_makes_every_figure_official(demo):
    with session_scope(demo) as s:
        ids = [_isi(s, kode).id for kode in ANGKA]
        eks = ajukan(s, realisasi_id=ids[2], oleh=pengguna(s, peran="kasubag_renkeu", kecamatan=MUARA),
                     pada=T0 + timedelta(hours=1))
        eks_id = eks.id
        assert (eks.subjek_jenis, eks.subjek_id, eks.judul) == ("pengumpulan", None,
                                                                "Pengumpulan data kinerja triwulan I 2026")
        angka = s.exec(select(Realisasi).where(Realisasi.id.in_(ids))).all()
        assert {(r.status, r.eksekusi_id) for r in angka} == {("diajukan", eks_id)}
        # The submission did step 1 (the Kasubag Perencanaan's); step 2 waits on the Analis Perencanaan.
        rec = catatan_terbuka(s, eks_id)
        assert rec.role_kode == "analis_perencanaan"
        t = T0 + timedelta(hours=1)
        for peran in PELAKSANA[1:]:
            t += timedelta(hours=2)
            assert rec.role_kode == pengguna(s, peran=peran, kecamatan=MUARA).role_kode
            rec = selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=peran, kecamatan=MUARA), pada=t)
        assert rec is None
    with session_scope(demo) as s:
        eks = s.get(Eksekusi, eks_id)
        assert eks.status == "selesai" and eks.selesai_pada == t
        analis = pengguna(s, peran="analis_perencanaan", kecamatan="Muara Papalik")
        angka = s.exec(select(Realisasi).where(Realisasi.id.in_(ids))).all()
        assert {(r.status, r.disahkan_oleh, r.disahkan_pada) for r in angka} == {("resmi", analis.id, t)}
        langkah = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)
                         .order_by(CatatanLangkah.id)).all()
        assert [r.role_kode for r in langkah] == ["kasubag_renkeu", "analis_perencanaan", "sekcam", "kasubag_umum",
                                                 "kasubag_renkeu", "analis_perencanaan"]
        assert langkah[0].catatan == "Diajukan bersama 5 indikator."
        resmi = s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "realisasi.resmi")
                       .where(AuditLog.objek_id.in_(ids))).one()
        assert resmi == 5
    # Nothing left to submit: the quarter's figures are official and locked.
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        ajukan(s, realisasi_id=ids[0], oleh=pengguna(s, peran="kasubag_renkeu", kecamatan=MUARA))
    assert str(e.value).endswith("realisasi berstatus resmi; tidak dapat diajukan lagi.")


def test_the_office_chooses_its_collection_sop_and_how_it_carries_figures(demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Kalipare")
        ind = {i.kode: i for i in iku_kantor(s, kec.id)}
        sop = s.exec(select(Sop).where(Sop.kecamatan_id == kec.id).where(Sop.nama.like("%Musrenbangcam%"))).one()
        camat = pengguna(s, peran="camat", kecamatan="Kalipare")
        for kode in ("IKU-1", "IKU-2"):
            atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind[kode].id, sop_id=sop.id, per_triwulan=False,
                           oleh=camat)
        # Switching one to "all together" switches every indicator that SOP collects.
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind["IKU-1"].id, sop_id=sop.id, per_triwulan=True,
                       oleh=camat)
        assert per_triwulan(s, ind["IKU-2"], kec.id) and sop_pengumpul(s, ind["IKU-2"], kec.id).sop_id == sop.id
        audit = s.exec(select(AuditLog).where(AuditLog.aksi == "indikator.pengumpul")
                       .order_by(AuditLog.id.desc())).first()
        assert audit.sesudah == {"sop_id": sop.id, "sop": sop.nama, "per_triwulan": True}
        assert audit.sebelum == {"sop_id": sop.id, "per_triwulan": False}
        # Back to the kabupaten's default.
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind["IKU-2"].id, sop_id=None, per_triwulan=False,
                       oleh=camat)
        assert not per_triwulan(s, ind["IKU-2"], kec.id)
        assert sop_pengumpul(s, ind["IKU-2"], kec.id).nama.startswith("Prosedur Pengumpulan Data Kinerja Indikator "
                                                                        "Administrasi")


@pytest.mark.parametrize("siapa, sop_dari, pesan", [
    (dict(peran="staf", kecamatan="Kalipare"), "Kalipare", "IKU-1: hanya Camat, Kasubag Evapor atau Kasubag "
     "Perencanaan dan Keuangan kecamatan ini yang dapat memilih SOP pengumpulan datanya."),
    (dict(peran="camat"), "Kalipare", "IKU-1: hanya Camat, Kasubag Evapor atau Kasubag Perencanaan dan Keuangan "
                                      "kecamatan ini yang dapat memilih SOP pengumpulan datanya."),
    (dict(peran="camat", kecamatan="Kalipare"), KANTOR, "IKU-1: SOP yang dipilih tidak ada dalam daftar SOP "
                                                        "kecamatan ini."),
], ids=["staf of the office", "another office's camat", "an sop of another office"])
def test_choosing_a_collection_sop_is_refused_with_why_and_changes_nothing(demo, siapa, sop_dari, pesan):
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        kec = kantor(s, nama="Kalipare")
        ind = next(i for i in iku_kantor(s, kec.id) if i.kode == "IKU-1")
        sop = s.exec(select(Sop).where(Sop.kecamatan_id == kantor(s, nama=sop_dari).id)).first()
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind.id, sop_id=sop.id, per_triwulan=True,
                       oleh=pengguna(s, **siapa))
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sidik
    with session_scope(demo) as s:
        assert s.exec(select(func.count(PengumpulanIku.id)).where(
            PengumpulanIku.kecamatan_id == kantor(s, nama="Kalipare").id)).one() == 0


def test_a_quarter_returned_to_entry_comes_back_together_and_its_sop_cannot_be_switched_meanwhile(demo):
    """Kalipare collects its three IKU together through its Musrenbangcam SOP, whose step 3 (Kasubag Evapor) may
    return the work to step 1: every figure comes back, the choice of SOP is locked until the run ends, and one
    resubmission puts them all back into the same execution."""
    with session_scope(demo) as s:
        kec = kantor(s, nama="Kalipare")
        sop = s.exec(select(Sop).where(Sop.kecamatan_id == kec.id).where(Sop.nama.like("%Musrenbangcam%"))).one()
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare")
        iku = iku_kantor(s, kec.id)
        for ind in iku:
            atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind.id, sop_id=sop.id, per_triwulan=True,
                           oleh=pengguna(s, peran="camat", kecamatan="Kalipare"))
        angka = [simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=1, isian=Isian(ind.id, "40", "50"),
                             oleh=evapor, pada=T0) for ind in iku]
        eks = ajukan(s, realisasi_id=angka[0].id, oleh=evapor, pada=T0 + timedelta(hours=1))
        eks_id = eks.id
        rec = catatan_terbuka(s, eks_id)
        assert s.get(SopLangkah, rec.langkah_id).no == "3"
        putuskan(s, catatan_id=rec.id, setuju=False, alasan="Jumlah delegasi belum sesuai daftar hadir",
                 oleh=evapor, pada=T0 + timedelta(hours=2))
        assert {s.get(Realisasi, r.id).status for r in angka} == {"dikembalikan"}
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=iku[1].id, sop_id=None, per_triwulan=False,
                       oleh=pengguna(s, peran="camat", kecamatan="Kalipare"))
    assert str(e.value) == ("IKU-2: realisasi IKU-2 triwulan I 2026 sedang berjalan melalui SOP pengumpulannya; "
                            "ubah pilihan SOP setelah SOP itu selesai.")
    assert sidik_basis_data(demo) == sidik
    with session_scope(demo) as s:
        r = s.get(Realisasi, angka[1].id)
        r = simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=1, oleh=evapor, pada=T0 + timedelta(hours=3),
                        isian=Isian(r.indikator_id, "41", "50", versi=r.versi))
        assert ajukan(s, realisasi_id=r.id, oleh=evapor, pada=T0 + timedelta(hours=3)).id == eks_id
        assert {(x.status, x.eksekusi_id) for x in s.exec(select(Realisasi).where(
            Realisasi.id.in_([a.id for a in angka])))} == {("diajukan", eks_id)}
        assert s.exec(select(func.count(Eksekusi.id)).where(Eksekusi.kecamatan_id == kec.id)).one() == 1
