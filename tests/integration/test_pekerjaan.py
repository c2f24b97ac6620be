"""Pekerjaan SOP: every one of the fifteen seed procedures can be started, carried and timed by the one state
machine, as its curated pelaksana, with one return at every decision step; and the rules of starting and cancelling.

Each action takes 30 working minutes after the one before it (from Monday 2 March 2026, 08:00 in the office's
zone, through the office's work calendar), so every step record must count exactly 30 working minutes.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from dashboard.components.pekerjaan import PESAN_TANPA_PEKERJAAN
from models.db import session_scope
from models.perencanaan import laporan_kinerja as lkj
from models.perencanaan.kalender_sakip import jadwal_sop
from models.perencanaan.pekerjaan import batalkan, mulai_pekerjaan, revisi_berlaku
from models.sop.alur import (
    antrian,
    catatan_terbuka,
    daftar_bukti,
    putuskan,
    selesaikan,
    urutan_pelaksana,
)
from models.tables import AuditLog, CatatanLangkah, Eksekusi, Kecamatan, Sop, SopLangkah, User
from models.umum.hari_libur import kalender_kantor
from models.umum.penolakan import Ditolak
from seed import kurasi_pelaksana
from tests.dash_util import sidik_basis_data
from tests.fabrik import nama_pengguna, pekerjaan, pengguna, sop

# (kecamatan, SOP key): the fifteen seed procedures; the demo's two Penyusunan Perjanjian Kinerja run about a PK
# (tests/integration/test_perjanjian_kinerja.py)
PROSEDUR = sorted(k for k in kurasi_pelaksana() if k[1] != "penyusunan perjanjian kinerja")
MULAI = datetime(2026, 3, 2, 8, 0)  # a Monday, far from the holidays of March 2026
LANGKAH_MENIT = 30
KASI = ("kasi_pem", "kasi_ekbang", "kasi_trantib")
RENJA = "Penyusunan Rencana Kerja (Renja)"


def _sop(s, kecamatan: str, kunci: str) -> Sop:
    return s.exec(select(Sop).join(Kecamatan, Kecamatan.id == Sop.kecamatan_id)
                  .where(func.lower(Kecamatan.nama) == kecamatan).where(Sop.kunci == kunci)).one()


def _pelaku(s, kec: Kecamatan, role: str) -> User:
    """A user of the office in the role (made when the demo has none, as for some roles Muara Papalik's SOPs name);
    the first Kasi for a "Kasi terkait" step."""
    return pengguna(s, peran=KASI[0] if role == "kasi_terkait" else role, kecamatan=kec.nama)


def test_the_fifteen_seed_procedures_are_all_here():
    assert len(PROSEDUR) == 15


@pytest.mark.parametrize("kecamatan, kunci", PROSEDUR, ids=[f"{k}:{n[:40]}" for k, n in PROSEDUR])
def test_every_seed_procedure_runs_from_start_to_end_with_a_return_at_every_decision(demo, kecamatan, kunci, tmp_path):
    with session_scope(demo) as s:
        sop = _sop(s, kecamatan, kunci)
        rev = revisi_berlaku(s, sop.id)
        kec = s.get(Kecamatan, sop.kecamatan_id)
        kal = kalender_kantor(s, kec.id)
        zona = ZoneInfo(kec.zona_waktu)
        langkah = {lk.id: lk for lk in s.exec(select(SopLangkah).where(SopLangkah.revisi_id == rev.id))}
        keputusan = {i for i, lk in langkah.items() if lk.keputusan and lk.kembali_ke_urutan}
        pertama = urutan_pelaksana(s, rev.id)[0].role_kode
        t = MULAI.replace(tzinfo=zona)
        # A period that fits the SOP's cycle in the SAKIP calendar: a quarter already ended, the Renstra's first
        # year, a year.
        jadwal = jadwal_sop(s, sop)
        tahun, triwulan = {"triwulan": (2025, 4), "renstra": (2025, None)}.get(jadwal.siklus if jadwal else "",
                                                                              (2026, None))
        eks = mulai_pekerjaan(s, sop_id=sop.id, judul=f"{sop.nama} {tahun}", tahun=tahun, triwulan=triwulan,
                              oleh=_pelaku(s, kec, pertama), pada=t)
        dikembalikan: set[int] = set()
        for _ in range(400):
            rec = catatan_terbuka(s, eks.id)
            if rec is None:
                break
            pelaku = _pelaku(s, kec, rec.role_kode)
            t = kal.tambah_menit_kerja(t, LANGKAH_MENIT)
            if lkj.langkah_terkunci(s, eks, rec) is not None:  # the LKj's Camat step: its reviu, then the signature
                lkj.reviu(s, kecamatan_id=kec.id, tahun=tahun, catatan="Sesuai sistematika.",
                          oleh=_pelaku(s, kec, "sekcam"), pada=t)
                lkj.tandatangani(s, kecamatan_id=kec.id, tahun=tahun, nama_berkas="lkj.pdf", data=b"%PDF-1.4\n%%EOF\n",
                                 tanggal=t.date(), oleh=_pelaku(s, kec, "camat"), folder=tmp_path, pada=t)
            elif rec.langkah_id in keputusan and rec.langkah_id not in dikembalikan:
                dikembalikan.add(rec.langkah_id)
                putuskan(s, catatan_id=rec.id, setuju=False, alasan="Perbaiki dulu", oleh=pelaku, pada=t)
            elif langkah[rec.langkah_id].keputusan:
                putuskan(s, catatan_id=rec.id, setuju=True, oleh=pelaku, pada=t)
            else:
                selesaikan(s, catatan_id=rec.id, oleh=pelaku, pada=t, catatan="Selesai",
                           bukti=daftar_bukti(langkah[rec.langkah_id].kelengkapan))
        eks_id, n_keputusan = eks.id, len(keputusan)
    with session_scope(demo) as s:
        eks = s.get(Eksekusi, eks_id)
        assert (eks.status, eks.selesai_pada is not None) == ("selesai", True)
        catatan = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks_id)
                         .order_by(CatatanLangkah.id)).all()
        assert all(c.selesai_pada is not None for c in catatan)
        assert [kal.working_minutes(c.diterima_pada, c.selesai_pada) for c in catatan] == [LANGKAH_MENIT] * len(catatan)
        assert sum(c.hasil == "dikembalikan" for c in catatan) == n_keputusan
        assert all(c.bukti == daftar_bukti(langkah[c.langkah_id].kelengkapan) for c in catatan if c.hasil == "selesai"
                   and c.catatan != "Laporan Kinerja ditandatangani; scan dilampirkan.")  # the signing's own step
        assert (n_keputusan == 0) == all(c.percobaan == 1 for c in catatan)  # a return makes rework
        aksi = list(s.exec(select(AuditLog.aksi).where(AuditLog.objek.in_(("eksekusi", "catatan_langkah")))
                           .where(AuditLog.kecamatan_id == eks.kecamatan_id).order_by(AuditLog.id)))
        assert aksi[0] == "eksekusi.mulai" and aksi[-1] == "eksekusi.selesai"
        assert sum(a.startswith("langkah.") for a in aksi) == len(catatan)


def test_one_running_execution_per_sop_and_period_and_who_may_start(demo):
    with session_scope(demo) as s:
        renja = sop(s, nama=RENJA)
        pertama = urutan_pelaksana(s, revisi_berlaku(s, renja.id).id)[0].role_kode
        pemula = pengguna(s, peran=pertama)
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="  Renja   2027 ", tahun=2027, triwulan=None, oleh=pemula)
        assert (eks.judul, eks.subjek_jenis, eks.status) == ("Renja 2027", "dokumen", "berjalan")
        assert [t.eksekusi.id for t in antrian(s, pemula)] == [eks.id]
    sebelum = sidik_basis_data(demo)
    bukan = "staf" if pertama != "staf" else "kasubag_umum"
    for nilai, pesan in (
        (dict(judul="Renja 2027 lagi", tahun=2027, triwulan=None, oleh=dict(peran="camat")),
         f'{renja.nama} untuk tahun 2027 sudah berjalan ("Renja 2027"); selesaikan atau minta Camat '
         "membatalkannya lebih dulu."),
        (dict(judul="   ", tahun=2028, triwulan=None, oleh=dict(peran="camat")),
         'Judul pekerjaan wajib diisi, mis. "Renja 2027".'),
        (dict(judul="Renja 2028", tahun=2028, triwulan=5, oleh=dict(peran="camat")),
         "Triwulan harus 1 sampai 4, atau kosong untuk pekerjaan tahunan."),
        (dict(judul="Renja 2028", tahun=2028, triwulan=2, oleh=dict(peran="camat")),
         "Rencana Kerja (Renja) dikerjakan tiap tahun: pilih Tahunan, bukan triwulan."),
        (dict(judul="Renja 2028", tahun=2028, triwulan=None, oleh=dict(peran=bukan)),
         f"{renja.nama} dimulai oleh pelaksana langkah pertamanya atau Camat kecamatan ini."),
        (dict(judul="Renja 2028", tahun=2028, triwulan=None, oleh=dict(peran="camat", kecamatan="Kalipare")),
         f"{renja.nama} dimulai oleh pelaksana langkah pertamanya atau Camat kecamatan ini."),
    ):
        with session_scope(demo) as s, pytest.raises(Ditolak) as e:
            renja = sop(s, nama=RENJA)
            mulai_pekerjaan(s, sop_id=renja.id, oleh=pengguna(s, **nilai.pop("oleh")), **nilai)
        assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:  # another period of the same SOP may run beside it
        assert mulai_pekerjaan(s, sop_id=sop(s, nama=RENJA).id, judul="Renja 2028", tahun=2028, triwulan=None,
                               oleh=pengguna(s, peran="camat")).status == "berjalan"


def test_the_camat_cancels_with_a_reason_and_the_work_leaves_every_queue(demo):
    with session_scope(demo) as s:
        eks_id = pekerjaan(s, sop=RENJA, judul="Renja 2027", tahun=2027).id
    sebelum = sidik_basis_data(demo)
    for oleh, alasan, pesan in (("sekcam", "Salah", "Hanya Camat kecamatan ini yang dapat membatalkan pekerjaan."),
                                ("camat", "  ", "Alasan pembatalan wajib diisi.")):
        with session_scope(demo) as s, pytest.raises(Ditolak) as e:
            batalkan(s, eksekusi_id=eks_id, alasan=alasan, oleh=pengguna(s, peran=oleh))
        assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        eks = batalkan(s, eksekusi_id=eks_id, alasan="Diganti Renja perubahan", oleh=pengguna(s, peran="camat"))
        assert eks.status == "dibatalkan"
        assert all(t.eksekusi.id != eks_id for t in antrian(s, pengguna(s, peran="camat")))
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "eksekusi.batal")).one()
        assert (log.objek_id, log.keterangan, log.sesudah) == (eks_id, "Diganti Renja perubahan",
                                                               {"status": "dibatalkan"})
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        batalkan(s, eksekusi_id=eks_id, alasan="Lagi", oleh=pengguna(s, peran="camat"))
    assert str(e.value) == '"Renja 2027" tidak sedang berjalan; muat ulang halaman.'


def _kunci_cb(app, awalan: str) -> str:
    from tests.dash_util import daftar_callback

    return next(k for k in daftar_callback(app) if k.startswith(awalan))


def test_the_page_starts_refuses_and_cancels_as_the_domain_says(client, app, demo):
    from tests.conftest import masuk
    from tests.dash_util import panggil, teks_jawaban

    with session_scope(demo) as s:
        renja_id = sop(s, nama=RENJA).id
    masuk(client, nama_pengguna("camat"))
    client.get("/pekerjaan")
    mulai = _kunci_cb(app, "..pekerjaan-pesan.children")
    sebelum = sidik_basis_data(demo)
    assert "Pilih SOP terlebih dahulu." in teks_jawaban(panggil(client, app, mulai, judul="Renja 2027", tahun=2027))
    assert "Tahun tidak sah." in teks_jawaban(panggil(client, app, mulai, sop_id=renja_id, judul="Renja 2027",
                                                      tahun="dua ribu"))
    assert sidik_basis_data(demo) == sebelum
    teks = teks_jawaban(panggil(client, app, mulai, sop_id=renja_id, judul="Renja 2027", tahun=2027, triwulan=0))
    assert '"Renja 2027" dimulai; langkah pertamanya menunggu di Persetujuan.' in teks
    assert "Penyusunan Rencana Kerja (Renja)" in teks and "Tahun 2027" in teks  # the running list
    teks = teks_jawaban(panggil(client, app, mulai, sop_id=renja_id, judul="Renja lain", tahun=2027, triwulan=0))
    assert "sudah berjalan" in teks
    with session_scope(demo) as s:
        eks_id = s.exec(select(Eksekusi.id).where(Eksekusi.judul == "Renja 2027")).one()

    batal = _kunci_cb(app, "..pekerjaan-batal-pesan.children")
    masuk(client, nama_pengguna("sekcam"))
    assert panggil(client, app, batal, eksekusi_id=eks_id, alasan="Salah").status_code == 403
    masuk(client, nama_pengguna("camat"))
    assert "Alasan pembatalan wajib diisi." in teks_jawaban(panggil(client, app, batal, eksekusi_id=eks_id, alasan=""))
    teks = teks_jawaban(panggil(client, app, batal, eksekusi_id=eks_id, alasan="Diganti Renja perubahan"))
    assert '"Renja 2027" dibatalkan.' in teks and PESAN_TANPA_PEKERJAAN in teks
    with session_scope(demo) as s:
        assert s.get(Eksekusi, eks_id).status == "dibatalkan"


def test_evidence_ticked_must_be_the_steps_own_kelengkapan(demo):
    with session_scope(demo) as s:
        eks = pekerjaan(s, sop=RENJA, judul="Renja 2027", tahun=2027)
        rec = catatan_terbuka(s, eks.id)
        lk = s.get(SopLangkah, rec.langkah_id)
        rec_id, no = rec.id, lk.no
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        selesaikan(s, catatan_id=rec_id, oleh=pengguna(s, peran="camat"), bukti=["Surat palsu"])
    assert str(e.value) == f"Kelengkapan yang dicentang tidak ada pada langkah {no}: Surat palsu."
    assert sidik_basis_data(demo) == sebelum


PDF = b"%PDF-1.4\n% rancangan Renja\n"


def test_a_steps_output_is_attached_by_whoever_may_act_on_it_and_read_back(demo, app, client, tmp_path):
    from models.sop.keluaran import keluaran_eksekusi, lampirkan_keluaran
    from tests.conftest import masuk

    folder = app.server.extensions["sakip_settings"].upload_dir
    with session_scope(demo) as s:
        eks = pekerjaan(s, sop=RENJA, judul="Renja 2027", tahun=2027)
        rec_id, eks_id = catatan_terbuka(s, eks.id).id, eks.id
    sebelum = sidik_basis_data(demo)
    for oleh, nama, data, pesan in (
            ("staf", "renja.pdf", PDF, "Langkah ini menunggu pelaksana lain; Anda tidak dapat menyelesaikannya."),
            ("camat", "renja.exe", PDF, "Berkas renja.exe tidak diterima; hanya berkas PDF, JPG, JPEG, PNG, XLSX atau DOCX."),
            ("camat", "renja.pdf", b"bukan pdf", "renja.pdf: isi berkas tidak sesuai dengan jenisnya (.pdf).")):
        with session_scope(demo) as s, pytest.raises(Ditolak) as e:
            lampirkan_keluaran(s, catatan_id=rec_id, nama_berkas=nama, data=data, oleh=pengguna(s, peran=oleh),
                               folder=folder)
        assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum
    assert not folder.exists() or not any(folder.rglob("*.*"))
    with session_scope(demo) as s:
        x = lampirkan_keluaran(s, catatan_id=rec_id, nama_berkas="Rancangan Renja 2027.pdf", data=PDF,
                               oleh=pengguna(s, peran="camat"), folder=folder)
        lampiran_id = x.id
    with session_scope(demo) as s:
        assert [(b.nama_berkas, b.pemilik_jenis, b.pemilik_id) for b in keluaran_eksekusi(s, eks_id)] == [
            ("Rancangan_Renja_2027.pdf", "catatan_langkah", rec_id)]
    masuk(client, nama_pengguna("sekcam"))
    r = client.get(f"/lampiran/{lampiran_id}")
    assert r.status_code == 200 and r.data == PDF
    masuk(client, "camat.kalipare")
    assert client.get(f"/lampiran/{lampiran_id}").status_code == 403


@pytest.mark.parametrize("nama, tahun, triwulan, pesan", [
    ("Pengukuran Kinerja", 2026, None, "Pengukuran Kinerja dikerjakan tiap triwulan: pilih triwulannya."),
    ("Penyusunan Renstra", 2027, None, "Rencana Strategis (Renstra) berlaku lima tahun: periode yang mencakup 2027 "
                                       "adalah 2025–2029; isi tahun 2025."),
    ("Penyusunan Laporan Kinerja (LKj)", 2026, 4, "Laporan Kinerja (LKj) dikerjakan tiap tahun: pilih Tahunan, "
                                                  "bukan triwulan."),
])
def test_a_period_that_does_not_fit_the_calendars_cycle_is_refused(demo, nama, tahun, triwulan, pesan):
    sebelum = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        mulai_pekerjaan(s, sop_id=sop(s, nama=nama).id, judul=f"{nama} {tahun}", tahun=tahun, triwulan=triwulan,
                        oleh=pengguna(s, peran="camat"))
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum
