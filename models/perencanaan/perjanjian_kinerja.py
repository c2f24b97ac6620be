"""Perjanjian Kinerja (PermenPAN-RB 53/2014) of an office's year, its cascade and its Rencana Aksi.

- The Camat's PK with the Bupati: per sasaran, the office's IKU with the year's target in force, then the programs
  of the office's DPA (Anggaran) that serve that sasaran and their pagu.
- The PK of the Sekretaris Camat and of each Kasi with the Camat: their own indicators (IndikatorPk), each linked
  to the Camat's IKU (and so sasaran) it supports. The Camat or the Sekretaris Camat of the office keeps them.
- A PK is drafted, then signed (MESIN_PK "tandatangani") once its signed scan (PDF or image) is attached; at that
  moment `isi` freezes what was signed. Where the office has the SOP the kabupaten's SAKIP calendar names for the
  Perjanjian Kinerja, the Camat's PK goes through a run of that SOP whose subject is the PK: its last step is
  completed by the signing itself. Otherwise the Camat signs it directly.
- A PK perubahan (after a budget change) is a new row `perubahan_ke + 1` with a reason; the earlier signed one is
  kept as it was signed.
- Rencana Aksi: per IKU and quarter, the kegiatan planned, by whom, and what was done; the quarter's target is the
  Target row of that quarter (read here, entered on IKU & Target).

Every function writes inside the caller's transaction with its audit row; bad input raises Ditolak and writes
nothing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from models.akun.peran import KASI, NAMA_PERAN
from models.kinerja.iku import iku_kantor, target_kantor
from models.perencanaan.kalender_sakip import PERJANJIAN_KINERJA
from models.perencanaan.pekerjaan import boleh_memulai, revisi_berlaku, sop_kewajiban
from models.sop.alur import JenisSubjek, catatan_terbuka, mulai, putuskan, selesaikan, urutan_pelaksana
from models.tables import (
    Anggaran,
    CatatanLangkah,
    Eksekusi,
    Indikator,
    IndikatorPk,
    Kabupaten,
    Kecamatan,
    Lampiran,
    PerjanjianKinerja,
    RencanaAksi,
    Sop,
    SopLangkah,
    User,
    utcnow,
)
from models.umum import periode
from models.umum.angka import baca_angka, format_angka, tulis_target
from models.umum.audit import catat
from models.umum.berkas import lampiran_milik, nama_scan, simpan_berkas
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah
from models.umum.status import JenisKerja, StatusEksekusi, StatusPerjanjian
from models.umum.tanggal import baca_tanggal, pastikan_sadar_zona, tanggal_panjang

JENIS = JenisKerja.PERJANJIAN_KINERJA
PEMILIK_SCAN = "perjanjian_kinerja"  # Lampiran.pemilik_jenis of a PK's signed scan
PIHAK_BAWAH = ("sekcam", *sorted(KASI))  # who signs a lower PK with the Camat, in print order
PIHAK_PERTAMA = ("camat", *PIHAK_BAWAH)
PENGATUR_PK = frozenset({"camat", "sekcam"})  # who keeps the lower PKs' indicators and drafts a PK perubahan
PENGELOLA_RA = frozenset({"camat", "sekcam", "kasubag_evapor", "kasubag_renkeu"})  # who keeps the Rencana Aksi
# Who may carry out a kegiatan of the Rencana Aksi, in the order the form lists them.
PELAKSANA_RA = ("camat", "sekcam", "kasubag_evapor", "kasubag_umum", "kasubag_renkeu", "analis_perencanaan",
                "kasi_pem", "kasi_ekbang", "kasi_trantib", "tim", "staf")
BUPATI_KOSONG = "(nama Bupati belum ditetapkan)"
MAKS_NAMA = 300
MAKS_KEGIATAN = 1000





def nama_pihak(role_kode: str) -> str:
    """The role a PK's pihak pertama holds, as printed ("Sekretaris Camat")."""
    return NAMA_PERAN.get(role_kode, role_kode)


def judul_pk(role_kode: str, tahun: int, perubahan_ke: int = 0) -> str:
    """How a page names a PK.

    >>> judul_pk("camat", 2026), judul_pk("kasi_pem", 2026, 1)
    ('Perjanjian Kinerja Camat 2026', 'Perjanjian Kinerja Kasi Pemerintahan 2026 (perubahan ke-1)')
    """
    ubah = f" (perubahan ke-{perubahan_ke})" if perubahan_ke else ""
    return f"Perjanjian Kinerja {nama_pihak(role_kode)} {tahun}{ubah}"


# ---------------------------------------------------------------- reading


def daftar_pk(session: Session, kecamatan_id: int, tahun: int) -> list[PerjanjianKinerja]:
    """Every PK of an office's year, Camat first, then the Sekretaris Camat and the Kasi; revisions in order."""
    rows = session.exec(select(PerjanjianKinerja).where(PerjanjianKinerja.kecamatan_id == kecamatan_id)
                        .where(PerjanjianKinerja.tahun == tahun)).all()
    urut = {r: n for n, r in enumerate(PIHAK_PERTAMA)}
    return sorted(rows, key=lambda p: (urut.get(p.role_kode, 99), p.perubahan_ke))


def pk_terakhir(session: Session, kecamatan_id: int, tahun: int, role_kode: str) -> PerjanjianKinerja | None:
    """The latest PK (highest perubahan_ke) of a party for the year."""
    return session.exec(select(PerjanjianKinerja).where(PerjanjianKinerja.kecamatan_id == kecamatan_id)
                        .where(PerjanjianKinerja.tahun == tahun).where(PerjanjianKinerja.role_kode == role_kode)
                        .order_by(col(PerjanjianKinerja.perubahan_ke).desc())).first()


def indikator_pk(session: Session, kecamatan_id: int, tahun: int, role_kode: str | None = None) -> list[IndikatorPk]:
    q = (select(IndikatorPk).where(IndikatorPk.kecamatan_id == kecamatan_id).where(IndikatorPk.tahun == tahun))
    if role_kode is not None:
        q = q.where(IndikatorPk.role_kode == role_kode)
    return list(session.exec(q.order_by(col(IndikatorPk.urutan), col(IndikatorPk.id))).all())


def scan_pk(session: Session, pk_id: int) -> Lampiran | None:
    """The signed scan of a PK (the latest attached)."""
    rows = lampiran_milik(session, PEMILIK_SCAN, [pk_id])
    return rows[-1] if rows else None


def _kunci_sasaran(teks: str | None) -> str:
    return " ".join((teks or "").lower().split())


@dataclass(frozen=True)
class Pejabat:
    """A party of a PK as printed: name, NIP (grouped) and office title."""

    nama: str | None
    nip: str | None
    jabatan: str


def pejabat(session: Session, kec: Kecamatan, role_kode: str) -> Pejabat:
    """The office's active account holding a role (the first made), as a PK prints it; no account: no name."""
    u = session.exec(select(User).where(User.kecamatan_id == kec.id).where(User.role_kode == role_kode)
                     .where(User.aktif == True).order_by(col(User.id))).first()  # noqa: E712
    baku = f"{nama_pihak(role_kode)} {kec.nama}" if role_kode == "camat" else \
        f"{nama_pihak(role_kode)} Kecamatan {kec.nama}"
    if u is None:
        return Pejabat(None, None, baku)
    return Pejabat(u.nama, format_nip(u.nip), u.jabatan or baku)


def bupati(kab: Kabupaten | None) -> Pejabat:
    nama = (kab.bupati_nama or "").strip() if kab else ""
    return Pejabat(nama or None, None, f"Bupati {kab.nama}" if kab else "Bupati")


def program_per_sasaran(session: Session, kecamatan_id: int, tahun: int) -> dict[str, list[dict[str, Any]]]:
    """The office's DPA of the year grouped by the sasaran each row serves (compared without case and spacing),
    then by program: [{"kode", "program", "pagu"}] with the program's total pagu."""
    hasil: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for a in session.exec(select(Anggaran).where(Anggaran.kecamatan_id == kecamatan_id)
                          .where(Anggaran.tahun == tahun).order_by(col(Anggaran.kode_sub_kegiatan))).all():
        if not a.sasaran:
            continue
        per = hasil[_kunci_sasaran(a.sasaran)]
        kunci = (a.kode_program, a.program)
        per[kunci] = per.get(kunci, 0) + int(a.pagu or 0)
    return {s: [{"kode": k, "program": p, "pagu": v} for (k, p), v in sorted(per.items())]
            for s, per in hasil.items()}


def susun_isi(session: Session, kecamatan_id: int, tahun: int, role_kode: str) -> dict[str, Any]:
    """What a PK states now (a draft's content; signing freezes it in `isi`): both parties, and per sasaran its
    indicators with targets and the programs with their pagu."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    kab = session.get(Kabupaten, kec.kabupaten_id)
    iku = iku_kantor(session, kecamatan_id)
    sasaran_iku: dict[int, str] = {i.id: (i.sasaran or "").strip() or "(sasaran belum diisi)" for i in iku}
    grup: dict[str, list[dict[str, Any]]] = {}
    for i in iku:
        grup.setdefault(sasaran_iku[i.id], [])
    if role_kode == "camat":
        target = target_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun)
        for i in iku:
            grup[sasaran_iku[i.id]].append({"kode": i.kode, "nama": i.nama, "satuan": i.satuan,
                                            "target": target.get((i.id, None)), "indikator_id": i.id})
        kedua = bupati(kab)
    else:
        for ip in indikator_pk(session, kecamatan_id, tahun, role_kode):
            s = sasaran_iku.get(ip.indikator_id)
            if s is None:  # the IKU it supported is no longer the office's
                continue
            grup[s].append({"kode": None, "nama": ip.nama, "satuan": ip.satuan, "target": ip.target,
                            "indikator_id": ip.indikator_id})
        kedua = pejabat(session, kec, "camat")
    program = program_per_sasaran(session, kecamatan_id, tahun)
    sasaran = []
    for nama, indikator in grup.items():
        if not indikator:
            continue
        prog = program.get(_kunci_sasaran(nama), [])
        sasaran.append({"sasaran": nama, "indikator": indikator, "program": prog,
                        "pagu": sum(p["pagu"] for p in prog)})
    pertama = pejabat(session, kec, role_kode)
    return {
        "kecamatan": kec.nama, "kabupaten": kab.nama if kab else None, "tahun": tahun, "role_kode": role_kode,
        "pihak_pertama": {"nama": pertama.nama, "nip": pertama.nip, "jabatan": pertama.jabatan},
        "pihak_kedua": {"nama": kedua.nama, "nip": kedua.nip, "jabatan": kedua.jabatan},
        "sasaran": sasaran, "total_pagu": sum(s["pagu"] for s in sasaran),
    }


def isi_pk(session: Session, pk: PerjanjianKinerja) -> dict[str, Any]:
    """A PK's content: as frozen at signing, or (a draft) as it stands now."""
    if pk.status == StatusPerjanjian.DITANDATANGANI and pk.isi:
        return dict(pk.isi)
    return {**susun_isi(session, pk.kecamatan_id, pk.tahun, pk.role_kode), "perubahan_ke": pk.perubahan_ke,
            "status": str(pk.status), "alasan": pk.alasan, "tanggal": pk.tanggal.isoformat() if pk.tanggal else None}


def isi_cetak(session: Session, *, kecamatan_id: int, tahun: int, role_kode: str,
              perubahan_ke: int | None = None) -> dict[str, Any]:
    """What a printed PK holds: the party's PK of the year (its latest, or perubahan `perubahan_ke`) as signed or
    as its draft stands; with no PK row yet, the draft as it would stand. Ditolak for a party that signs none."""
    role = _pihak(role_kode, bawah=False)
    q = (select(PerjanjianKinerja).where(PerjanjianKinerja.kecamatan_id == kecamatan_id)
         .where(PerjanjianKinerja.tahun == tahun).where(PerjanjianKinerja.role_kode == role))
    if perubahan_ke is not None:
        pk = session.exec(q.where(PerjanjianKinerja.perubahan_ke == perubahan_ke)).first()
        if pk is None:
            raise Ditolak(f"{judul_pk(role, tahun, perubahan_ke)} tidak ada.")
    else:
        pk = session.exec(q.order_by(col(PerjanjianKinerja.perubahan_ke).desc())).first()
    if pk is None:
        return {**susun_isi(session, kecamatan_id, tahun, role), "perubahan_ke": 0, "status": str(P.DRAF),
                "alasan": None, "tanggal": None}
    return isi_pk(session, pk)


# ---------------------------------------------------------------- the cascade


@dataclass
class SimpulIku:
    indikator: Indikator
    target: float | None
    bawah: list[IndikatorPk] = field(default_factory=list)  # the lower PKs' indicators supporting it


@dataclass
class SimpulSasaran:
    sasaran: str
    iku: list[SimpulIku] = field(default_factory=list)


def pohon(session: Session, kecamatan_id: int, tahun: int) -> list[SimpulSasaran]:
    """The cascade of the year: sasaran → the Camat's IKU (with the year's target) → the indicators of the
    Sekretaris Camat and the Kasi under each."""
    bawah: dict[int, list[IndikatorPk]] = defaultdict(list)
    urut = {r: n for n, r in enumerate(PIHAK_PERTAMA)}
    for ip in sorted(indikator_pk(session, kecamatan_id, tahun), key=lambda x: (urut.get(x.role_kode, 99), x.urutan,
                                                                               x.id)):
        bawah[ip.indikator_id].append(ip)
    hasil: dict[str, SimpulSasaran] = {}
    target = target_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun)
    for i in iku_kantor(session, kecamatan_id):
        nama = (i.sasaran or "").strip() or "(sasaran belum diisi)"
        hasil.setdefault(nama, SimpulSasaran(nama)).iku.append(SimpulIku(i, target.get((i.id, None)), bawah[i.id]))
    return list(hasil.values())


# ---------------------------------------------------------------- checks shared by the writes


def _kantor_pengguna(session: Session, oleh: User, kecamatan_id: int, peran: frozenset[str], pesan: str) -> Kecamatan:
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    if not oleh.aktif or oleh.kecamatan_id != kecamatan_id or oleh.role_kode not in peran:
        raise Ditolak(pesan)
    return kec


PESAN_PENGATUR = "Hanya Camat atau Sekretaris Camat kecamatan ini yang dapat mengatur Perjanjian Kinerja."


def _pihak(role_kode: Any, *, bawah: bool) -> str:
    pilihan = PIHAK_BAWAH if bawah else PIHAK_PERTAMA
    if role_kode not in pilihan:
        nama = ", ".join(nama_pihak(r) for r in pilihan)
        raise Ditolak(f"Pihak pertama harus salah satu dari: {nama}.")
    return str(role_kode)


def _boleh_diubah(session: Session, kecamatan_id: int, tahun: int, role_kode: str) -> None:
    """A party's indicators change only while its latest PK is a draft (or there is none yet)."""
    pk = pk_terakhir(session, kecamatan_id, tahun, role_kode)
    if pk is not None and pk.status == StatusPerjanjian.DITANDATANGANI:
        raise Ditolak(f"{judul_pk(role_kode, tahun, pk.perubahan_ke)} sudah ditandatangani; buat PK perubahan "
                      "lebih dulu untuk mengubah indikatornya.")


def _iku_kantor(session: Session, kecamatan_id: int, indikator_id: Any) -> Indikator:
    try:
        ident = int(indikator_id)
    except (TypeError, ValueError):
        raise Ditolak("Pilih IKU Camat yang didukung indikator ini.") from None
    ind = next((i for i in iku_kantor(session, kecamatan_id) if i.id == ident), None)
    if ind is None:
        raise Ditolak("IKU yang dipilih bukan IKU kecamatan ini.")
    return ind


def _isian_indikator(nama: Any, satuan: Any, target: Any) -> tuple[str, str, float]:
    nama_b = " ".join(str(nama or "").split())
    if not nama_b:
        raise Ditolak("Nama indikator wajib diisi.")
    if len(nama_b) > MAKS_NAMA:
        raise Ditolak(f"Nama indikator paling panjang {MAKS_NAMA} karakter.")
    satuan_b = " ".join(str(satuan or "").split()) or "%"
    if len(satuan_b) > 40:
        raise Ditolak("Satuan paling panjang 40 karakter.")
    try:
        nilai = baca_angka(target if not isinstance(target, bool) else None)
    except (ValueError, Ditolak):
        nilai = None
    if nilai is None:
        raise Ditolak(f"Target \"{target if target not in (None, '') else ''}\" bukan angka; tulis mis. 90 atau 12,5.")
    if nilai < 0:
        raise Ditolak("Target tidak boleh negatif.")
    return nama_b, satuan_b, nilai


# ---------------------------------------------------------------- lower indicators


def tambah_indikator(session: Session, *, kecamatan_id: int, tahun: int, role_kode: str, indikator_id: Any,
                     nama: Any, satuan: Any, target: Any, oleh: User) -> IndikatorPk:
    """Add an indicator to the PK of the Sekretaris Camat or a Kasi, linked to the Camat's IKU it supports."""
    tahun = tahun_sah(tahun, teks=False)
    _kantor_pengguna(session, oleh, kecamatan_id, PENGATUR_PK, PESAN_PENGATUR)
    role = _pihak(role_kode, bawah=True)
    ind = _iku_kantor(session, kecamatan_id, indikator_id)
    nama_b, satuan_b, nilai = _isian_indikator(nama, satuan, target)
    _boleh_diubah(session, kecamatan_id, tahun, role)
    urutan = len(indikator_pk(session, kecamatan_id, tahun, role)) + 1
    row = IndikatorPk(kecamatan_id=kecamatan_id, tahun=tahun, role_kode=role, indikator_id=ind.id, nama=nama_b,
                      satuan=satuan_b, target=nilai, urutan=urutan, diubah_oleh=oleh.id, diubah_pada=utcnow())
    session.add(row)
    session.flush()
    catat(session, aksi="indikator_pk.tambah", oleh=oleh, objek="indikator_pk", objek_id=row.id,
          kecamatan_id=kecamatan_id, sesudah=_dict_ip(row))
    return row


def _dict_ip(ip: IndikatorPk) -> dict[str, Any]:
    return {"tahun": ip.tahun, "role": ip.role_kode, "iku": ip.indikator_id, "nama": ip.nama, "satuan": ip.satuan,
            "target": ip.target}


def _ip_milik(session: Session, indikator_pk_id: Any, oleh: User) -> IndikatorPk:
    try:
        ip = session.get(IndikatorPk, int(indikator_pk_id))
    except (TypeError, ValueError):
        ip = None
    if ip is None:
        raise Ditolak("Indikator PK tidak ditemukan.")
    _kantor_pengguna(session, oleh, ip.kecamatan_id, PENGATUR_PK, PESAN_PENGATUR)
    _boleh_diubah(session, ip.kecamatan_id, ip.tahun, ip.role_kode)
    return ip


def ubah_indikator(session: Session, *, indikator_pk_id: Any, indikator_id: Any, nama: Any, satuan: Any,
                   target: Any, oleh: User) -> IndikatorPk:
    ip = _ip_milik(session, indikator_pk_id, oleh)
    ind = _iku_kantor(session, ip.kecamatan_id, indikator_id)
    nama_b, satuan_b, nilai = _isian_indikator(nama, satuan, target)
    sebelum = _dict_ip(ip)
    ip.indikator_id, ip.nama, ip.satuan, ip.target = ind.id, nama_b, satuan_b, nilai
    ip.diubah_oleh, ip.diubah_pada = oleh.id, utcnow()
    session.add(ip)
    session.flush()
    catat(session, aksi="indikator_pk.ubah", oleh=oleh, objek="indikator_pk", objek_id=ip.id,
          kecamatan_id=ip.kecamatan_id, sebelum=sebelum, sesudah=_dict_ip(ip))
    return ip


def hapus_indikator(session: Session, *, indikator_pk_id: Any, oleh: User) -> None:
    ip = _ip_milik(session, indikator_pk_id, oleh)
    sebelum = _dict_ip(ip)
    session.delete(ip)
    session.flush()
    catat(session, aksi="indikator_pk.hapus", oleh=oleh, objek="indikator_pk", objek_id=ip.id,
          kecamatan_id=ip.kecamatan_id, sebelum=sebelum)


# ---------------------------------------------------------------- drafts and revisions


def buat_draf(session: Session, *, kecamatan_id: int, tahun: int, role_kode: str, oleh: User) -> PerjanjianKinerja:
    """The party's PK of the year as a draft (perubahan 0), made if there is none; an existing one is returned."""
    tahun = tahun_sah(tahun, teks=False)
    _kantor_pengguna(session, oleh, kecamatan_id, PENGATUR_PK, PESAN_PENGATUR)
    role = _pihak(role_kode, bawah=False)
    ada = pk_terakhir(session, kecamatan_id, tahun, role)
    if ada is not None:
        return ada
    pk = PerjanjianKinerja(kecamatan_id=kecamatan_id, tahun=tahun, role_kode=role, perubahan_ke=0,
                           status=StatusPerjanjian.DRAF, dibuat_oleh=oleh.id, dibuat_pada=utcnow())
    session.add(pk)
    session.flush()
    catat(session, aksi="perjanjian_kinerja.buat", oleh=oleh, objek="perjanjian_kinerja", objek_id=pk.id,
          kecamatan_id=kecamatan_id, sesudah={"tahun": tahun, "role": role, "perubahan_ke": 0})
    return pk


def buat_perubahan(session: Session, *, pk_id: int, alasan: Any, oleh: User) -> PerjanjianKinerja:
    """A PK perubahan after a budget change: a new draft `perubahan_ke + 1` with its reason; the signed PK before
    it is kept as it was signed."""
    pk = session.get(PerjanjianKinerja, pk_id)
    if pk is None:
        raise Ditolak("Perjanjian Kinerja tidak ditemukan.")
    _kantor_pengguna(session, oleh, pk.kecamatan_id, PENGATUR_PK, PESAN_PENGATUR)
    alasan_b = " ".join(str(alasan or "").split())
    if not alasan_b:
        raise Ditolak("Alasan PK perubahan wajib diisi, mis. \"Perubahan DPA setelah APBD Perubahan\".")
    if len(alasan_b) > 1000:
        raise Ditolak("Alasan paling panjang 1.000 karakter.")
    akhir = pk_terakhir(session, pk.kecamatan_id, pk.tahun, pk.role_kode)
    assert akhir is not None  # pk itself is one
    if akhir.status != StatusPerjanjian.DITANDATANGANI:
        raise Ditolak(f"{judul_pk(akhir.role_kode, akhir.tahun, akhir.perubahan_ke)} belum ditandatangani; ubah "
                      "drafnya, tidak perlu PK perubahan.")
    baru = PerjanjianKinerja(kecamatan_id=pk.kecamatan_id, tahun=pk.tahun, role_kode=pk.role_kode,
                             perubahan_ke=akhir.perubahan_ke + 1, status=StatusPerjanjian.DRAF, alasan=alasan_b,
                             dibuat_oleh=oleh.id, dibuat_pada=utcnow())
    session.add(baru)
    session.flush()
    catat(session, aksi="perjanjian_kinerja.perubahan", oleh=oleh, objek="perjanjian_kinerja", objek_id=baru.id,
          kecamatan_id=pk.kecamatan_id, sesudah={"tahun": pk.tahun, "role": pk.role_kode,
                                                 "perubahan_ke": baru.perubahan_ke, "menggantikan": akhir.id},
          keterangan=alasan_b)
    return baru


# ---------------------------------------------------------------- the office's SOP for it


def sop_pk(session: Session, kecamatan_id: int) -> Sop | None:
    """The office's SOP (with a revision in force) that its kabupaten's SAKIP calendar names for the Perjanjian
    Kinerja; None when the calendar names none or the office has no such SOP."""
    return sop_kewajiban(session, kecamatan_id, PERJANJIAN_KINERJA)


def eksekusi_pk(session: Session, pk_id: int) -> list[Eksekusi]:
    """The runs about a PK, oldest first."""
    return list(session.exec(select(Eksekusi).where(Eksekusi.subjek_jenis == JENIS)
                             .where(Eksekusi.subjek_id == pk_id).order_by(col(Eksekusi.id))).all())


def run_berjalan(session: Session, pk_id: int) -> Eksekusi | None:
    return next((e for e in eksekusi_pk(session, pk_id) if e.status == StatusEksekusi.BERJALAN), None)


def mulai_sop(session: Session, *, kecamatan_id: int, tahun: int, oleh: User,
              pada: datetime | None = None, demo: bool = False) -> Eksekusi:
    """Start the office's SOP for the Camat's PK of the year (its latest version, drafted if there is none); the
    run's subject is the PK. Started by the SOP's first pelaksana or the Camat."""
    try:
        tahun = tahun_sah(tahun, teks=False)
        sop = sop_pk(session, kecamatan_id)
        if sop is None:
            raise Ditolak("Kecamatan ini tidak memiliki SOP Perjanjian Kinerja; Camat menandatangani PK langsung "
                          "di halaman ini.")
        if not boleh_memulai(session, oleh, sop):
            raise Ditolak(f"{sop.nama} dimulai oleh pelaksana langkah pertamanya atau Camat kecamatan ini.")
        pk = pk_terakhir(session, kecamatan_id, tahun, "camat")
        if pk is None:
            pk = PerjanjianKinerja(kecamatan_id=kecamatan_id, tahun=tahun, role_kode="camat", perubahan_ke=0,
                                   status=StatusPerjanjian.DRAF, dibuat_oleh=oleh.id, dibuat_pada=pada or utcnow())
            session.add(pk)
            session.flush()
            catat(session, aksi="perjanjian_kinerja.buat", oleh=oleh, objek="perjanjian_kinerja", objek_id=pk.id,
                  kecamatan_id=kecamatan_id, sesudah={"tahun": tahun, "role": "camat", "perubahan_ke": 0})
        if pk.status == StatusPerjanjian.DITANDATANGANI:
            raise Ditolak(f"{judul_pk('camat', tahun, pk.perubahan_ke)} sudah ditandatangani; buat PK perubahan "
                          "untuk menyusun yang baru.")
        ada = run_berjalan(session, pk.id)
        if ada is not None:
            raise Ditolak(f"{sop.nama} untuk {judul_pk('camat', tahun, pk.perubahan_ke)} sudah berjalan "
                          f"(\"{ada.judul}\").")
        rev = revisi_berlaku(session, sop.id)
        assert rev is not None  # sop_pk returns only an SOP in force
        return mulai(session, revisi_id=rev.id, kecamatan_id=kecamatan_id, subjek_jenis=JENIS, subjek_id=pk.id,
                     judul=judul_pk("camat", tahun, pk.perubahan_ke), tahun=tahun, triwulan=None, oleh=oleh,
                     pada=pada, demo=demo)
    except Ditolak as e:
        e.tentang(aksi="perjanjian_kinerja.mulai_sop", objek="kecamatan", objek_id=kecamatan_id,
                  kecamatan_id=kecamatan_id)
        raise


def _langkah_terakhir(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> bool:
    urut = urutan_pelaksana(session, eks.revisi_id)
    return bool(urut) and urut[-1].langkah.id == rec.langkah_id and urut[-1].role_kode == rec.role_kode


def langkah_terkunci(session: Session, eks: Eksekusi, rec: CatatanLangkah) -> str | None:
    """The run's last step closes only when the signed PK's scan is attached on the Perjanjian Kinerja page."""
    if _langkah_terakhir(session, eks, rec):
        return ("Langkah terakhir selesai ketika scan Perjanjian Kinerja yang ditandatangani dilampirkan di "
                "halaman Perjanjian Kinerja.")
    return None


SUBJEK_PERJANJIAN = JenisSubjek(
    nama="Perjanjian Kinerja", terkunci=langkah_terkunci, dapat_dibatalkan=True,
    tautan=lambda _s, e: f"/perjanjian-kinerja?tahun={e.tahun}", halaman="Perjanjian Kinerja")


# ---------------------------------------------------------------- signing


@dataclass
class KonteksPk:
    session: Session
    oleh: User
    pk: PerjanjianKinerja
    scan: bool = False  # a signed scan is being attached
    tanggal: date | None = None
    hari_ini: date | None = None


def _penanda_tangan(k: KonteksPk) -> str | None:
    """The Camat signs the Camat's PK (with the Bupati); a lower PK is recorded by the Camat or its own pihak
    pertama; always of the PK's office."""
    u, pk = k.oleh, k.pk
    if not u.aktif or u.kecamatan_id != pk.kecamatan_id:
        return "Hanya Camat kecamatan ini yang dapat menandatangani Perjanjian Kinerjanya."
    if pk.role_kode == "camat":
        return None if u.role_kode == "camat" else "Perjanjian Kinerja Camat hanya ditandatangani oleh Camat."
    if u.role_kode in ("camat", pk.role_kode):
        return None
    return f"Perjanjian Kinerja {nama_pihak(pk.role_kode)} ditandatangani oleh Camat atau {nama_pihak(pk.role_kode)}."


def _isi_lengkap(k: KonteksPk) -> str | None:
    pk, s = k.pk, k.session
    if pk.role_kode == "camat":
        iku = iku_kantor(s, pk.kecamatan_id)
        if not iku:
            return "Kecamatan ini belum memiliki IKU; Perjanjian Kinerja Camat memuat IKU dan targetnya."
        target = target_kantor(s, kecamatan_id=pk.kecamatan_id, tahun=pk.tahun)
        tanpa = [i.kode for i in iku if (i.id, None) not in target]
        if tanpa:
            return f"IKU {', '.join(tanpa)} belum memiliki target tahun {pk.tahun}; tetapkan di halaman IKU & Target."
        return None
    if not indikator_pk(s, pk.kecamatan_id, pk.tahun, pk.role_kode):
        return f"Perjanjian Kinerja {nama_pihak(pk.role_kode)} belum memiliki indikator."
    return None


def _lewat_sop(k: KonteksPk) -> str | None:
    """Where the office has the SOP, the Camat's PK is signed at its run's last step."""
    pk, s = k.pk, k.session
    if pk.role_kode != "camat":
        return None
    sop = sop_pk(s, pk.kecamatan_id)
    if sop is None:
        return None
    eks = run_berjalan(s, pk.id)
    if eks is None:
        return (f"Kecamatan ini menyusun Perjanjian Kinerja melalui {sop.nama}: mulai SOP-nya lebih dulu; PK "
                "ditandatangani pada langkah terakhirnya.")
    rec = catatan_terbuka(s, eks.id)
    if rec is None or not _langkah_terakhir(s, eks, rec):
        return f"\"{eks.judul}\" belum sampai pada langkah terakhirnya; selesaikan langkah sebelumnya di Persetujuan."
    return None


def _syarat_tanda_tangan(k: KonteksPk) -> str | None:
    if not k.scan:
        return "Lampirkan scan Perjanjian Kinerja yang sudah ditandatangani (PDF, JPG atau PNG)."
    if k.tanggal is None:
        return "Tanggal penandatanganan wajib diisi."
    if k.hari_ini is not None and k.tanggal > k.hari_ini:
        return "Tanggal penandatanganan tidak boleh setelah hari ini."
    if k.tanggal.year < k.pk.tahun - 1 or k.tanggal.year > k.pk.tahun:
        return f"Tanggal penandatanganan harus pada tahun {k.pk.tahun - 1} atau {k.pk.tahun}."
    return _isi_lengkap(k) or _lewat_sop(k)


P = StatusPerjanjian
MESIN_PK: Mesin[StatusPerjanjian, KonteksPk] = Mesin("perjanjian_kinerja", StatusPerjanjian, [
    Transisi((P.DRAF,), "tandatangani", P.DITANDATANGANI, siapa=_penanda_tangan, syarat=_syarat_tanda_tangan),
], pesan_keadaan=lambda _d, _a, k: f"{judul_pk(k.pk.role_kode, k.pk.tahun, k.pk.perubahan_ke)} sudah "
                                   "ditandatangani; buat PK perubahan bila isinya berubah.")


def tindakan_pk(session: Session, pk: PerjanjianKinerja, oleh: User) -> list[Tindakan]:
    """What `oleh` may do to the PK now; signing is offered while its scan and date are still to be given."""
    return MESIN_PK.tindakan(pk.status, KonteksPk(session, oleh, pk, scan=True, tanggal=date(pk.tahun, 1, 1)))


def tandatangani(session: Session, *, pk_id: int, nama_berkas: str, data: bytes, tanggal: Any, oleh: User,
                 folder: Path, pada: datetime | None = None) -> PerjanjianKinerja:
    """Sign a PK: attach the signed scan, freeze its content in `isi`, and (the office's SOP) complete its run's
    last step. Audited; the caller commits."""
    pk = session.get(PerjanjianKinerja, pk_id)
    if pk is None:
        raise Ditolak("Perjanjian Kinerja tidak ditemukan.", aksi="perjanjian_kinerja.tandatangani")
    try:
        return _tandatangani(session, pk, nama_berkas=nama_berkas, data=data, tanggal=tanggal, oleh=oleh,
                             folder=folder, pada=pada)
    except Ditolak as e:
        e.tentang(aksi="perjanjian_kinerja.tandatangani", objek="perjanjian_kinerja", objek_id=pk.id,
                  kecamatan_id=pk.kecamatan_id)
        raise


def _tandatangani(session: Session, pk: PerjanjianKinerja, *, nama_berkas: str, data: bytes, tanggal: Any,
                  oleh: User, folder: Path, pada: datetime | None) -> PerjanjianKinerja:
    t = pastikan_sadar_zona(pada or utcnow())
    nama = nama_scan(nama_berkas, data, "Perjanjian Kinerja")
    try:
        tgl = baca_tanggal(tanggal)
    except (ValueError, Ditolak):
        raise Ditolak(f"Tanggal penandatanganan \"{tanggal}\" tidak dikenali; tulis mis. 15 Januari 2026.") from None
    kec = session.get(Kecamatan, pk.kecamatan_id)
    assert kec is not None  # foreign key
    konteks = KonteksPk(session, oleh, pk, scan=bool(data), tanggal=tgl, hari_ini=periode.hari_ini())
    ke = MESIN_PK.periksa(pk.status, "tandatangani", konteks)
    assert tgl is not None  # the machine's condition
    isi = {**susun_isi(session, pk.kecamatan_id, pk.tahun, pk.role_kode), "perubahan_ke": pk.perubahan_ke,
           "status": str(ke), "alasan": pk.alasan, "tanggal": tgl.isoformat()}
    eks = run_berjalan(session, pk.id) if pk.role_kode == "camat" else None
    session.flush()
    if not tulis(session, pk, ke=ke, cas={"ditandatangani_pada": None},
                 nilai={"isi": isi, "ditandatangani_oleh": oleh.id, "ditandatangani_pada": t, "tanggal": tgl,
                        "eksekusi_id": eks.id if eks else pk.eksekusi_id}):
        raise Ditolak("Perjanjian Kinerja ini baru saja diubah orang lain; muat ulang halaman.")
    if eks is not None:
        rec = catatan_terbuka(session, eks.id)
        assert rec is not None  # _lewat_sop found it
        lk = session.get(SopLangkah, rec.langkah_id)
        assert lk is not None
        if lk.keputusan:
            putuskan(session, catatan_id=rec.id, setuju=True, oleh=oleh, pada=t, lewat_pengajuan=True,
                     alasan="Perjanjian Kinerja ditandatangani; scan dilampirkan.")
        else:
            selesaikan(session, catatan_id=rec.id, oleh=oleh, pada=t, lewat_pengajuan=True,
                       catatan="Perjanjian Kinerja ditandatangani; scan dilampirkan.")
    catat(session, aksi="perjanjian_kinerja.tandatangani", oleh=oleh, objek="perjanjian_kinerja", objek_id=pk.id,
          kecamatan_id=pk.kecamatan_id, sebelum={"status": str(P.DRAF)},
          sesudah={"status": str(ke), "tanggal": tgl.isoformat(), "perubahan_ke": pk.perubahan_ke,
                   "eksekusi": eks.id if eks else None})
    # Last: the file is checked (type, size, content) before it is written, so a refusal leaves no file behind.
    simpan_berkas(session, pemilik_jenis=PEMILIK_SCAN, pemilik_id=pk.id, kecamatan_id=pk.kecamatan_id,
                  nama_berkas=nama, data=data, oleh=oleh, folder=folder)
    return pk


# ---------------------------------------------------------------- Rencana Aksi


@dataclass
class BarisRencanaAksi:
    indikator: Indikator
    triwulan: int
    target: float | None  # the quarter's target in force (Target.triwulan), None: none set
    kegiatan: list[RencanaAksi]


def rencana_aksi(session: Session, kecamatan_id: int, tahun: int) -> list[BarisRencanaAksi]:
    """Per IKU and quarter: the quarter's target and the kegiatan planned and done."""
    semua: dict[tuple[int, int], list[RencanaAksi]] = defaultdict(list)
    for r in session.exec(select(RencanaAksi).where(RencanaAksi.kecamatan_id == kecamatan_id)
                          .where(RencanaAksi.tahun == tahun).order_by(col(RencanaAksi.id))).all():
        semua[(r.indikator_id, r.triwulan)].append(r)
    target = target_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun)
    hasil = []
    for i in iku_kantor(session, kecamatan_id):
        for q in (1, 2, 3, 4):
            hasil.append(BarisRencanaAksi(i, q, target.get((i.id, q)), semua[(i.id, q)]))
    return hasil


PESAN_RA = ("Rencana Aksi diisi oleh Camat, Sekretaris Camat, Kasubag Evapor atau Kasubag Perencanaan dan Keuangan "
            "kecamatan ini; pelaksana kegiatan dapat mengisi yang terlaksana.")


def _teks(nilai: Any, nama: str, *, wajib: bool) -> str | None:
    teks = " ".join(str(nilai or "").split())
    if not teks:
        if wajib:
            raise Ditolak(f"{nama} wajib diisi.")
        return None
    if len(teks) > MAKS_KEGIATAN:
        raise Ditolak(f"{nama} paling panjang {format_angka(MAKS_KEGIATAN)} karakter.")
    return teks


def _dict_ra(r: RencanaAksi) -> dict[str, Any]:
    return {"iku": r.indikator_id, "tahun": r.tahun, "triwulan": r.triwulan, "kegiatan": r.kegiatan,
            "role": r.role_kode, "terlaksana": r.terlaksana}


def simpan_rencana_aksi(session: Session, *, kecamatan_id: int, tahun: Any, triwulan: Any, indikator_id: Any,
                        kegiatan: Any, role_kode: Any, terlaksana: Any, oleh: User,
                        rencana_id: Any = None) -> RencanaAksi:
    """Add a kegiatan to an IKU's quarter, or change one (`rencana_id`). The Rencana Aksi's keepers may do
    either; the kegiatan's own pelaksana may change one given to their role."""
    tahun_b = tahun_sah(tahun, teks=False)
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        raise Ditolak("Kecamatan tidak ditemukan.")
    lama: RencanaAksi | None = None
    if rencana_id not in (None, ""):
        try:
            lama = session.get(RencanaAksi, int(rencana_id))
        except (TypeError, ValueError):
            lama = None
        if lama is None or lama.kecamatan_id != kecamatan_id:
            raise Ditolak("Kegiatan Rencana Aksi tidak ditemukan.")
    pelaksana_sendiri = lama is not None and oleh.role_kode == lama.role_kode
    if not oleh.aktif or oleh.kecamatan_id != kecamatan_id or (
            oleh.role_kode not in PENGELOLA_RA and not pelaksana_sendiri):
        raise Ditolak(PESAN_RA)
    if triwulan not in (1, 2, 3, 4, "1", "2", "3", "4"):
        raise Ditolak("Triwulan harus 1 sampai 4.")
    q = int(triwulan)
    ind = _iku_kantor(session, kecamatan_id, indikator_id)
    keg = _teks(kegiatan, "Kegiatan", wajib=True)
    assert keg is not None
    if role_kode not in PELAKSANA_RA:
        raise Ditolak("Pilih pelaksana kegiatan.")
    sudah = _teks(terlaksana, "Yang terlaksana", wajib=False)
    if lama is None:
        row = RencanaAksi(kecamatan_id=kecamatan_id, indikator_id=ind.id, tahun=tahun_b, triwulan=q, kegiatan=keg,
                          role_kode=str(role_kode), terlaksana=sudah, diubah_oleh=oleh.id, diubah_pada=utcnow())
        session.add(row)
        session.flush()
        catat(session, aksi="rencana_aksi.tambah", oleh=oleh, objek="rencana_aksi", objek_id=row.id,
              kecamatan_id=kecamatan_id, sesudah=_dict_ra(row))
        return row
    sebelum = _dict_ra(lama)
    if pelaksana_sendiri and oleh.role_kode not in PENGELOLA_RA and (
            ind.id, tahun_b, q, keg, str(role_kode)) != (lama.indikator_id, lama.tahun, lama.triwulan, lama.kegiatan,
                                                         lama.role_kode):
        raise Ditolak("Pelaksana kegiatan hanya mengisi yang terlaksana; rencananya diubah oleh pengelola Rencana "
                      "Aksi.")
    lama.indikator_id, lama.tahun, lama.triwulan, lama.kegiatan = ind.id, tahun_b, q, keg
    lama.role_kode, lama.terlaksana, lama.diubah_oleh, lama.diubah_pada = str(role_kode), sudah, oleh.id, utcnow()
    session.add(lama)
    session.flush()
    catat(session, aksi="rencana_aksi.ubah", oleh=oleh, objek="rencana_aksi", objek_id=lama.id,
          kecamatan_id=kecamatan_id, sebelum=sebelum, sesudah=_dict_ra(lama))
    return lama


def hapus_rencana_aksi(session: Session, *, rencana_id: Any, oleh: User) -> None:
    try:
        r = session.get(RencanaAksi, int(rencana_id))
    except (TypeError, ValueError):
        r = None
    if r is None:
        raise Ditolak("Kegiatan Rencana Aksi tidak ditemukan.")
    if not oleh.aktif or oleh.kecamatan_id != r.kecamatan_id or oleh.role_kode not in PENGELOLA_RA:
        raise Ditolak(PESAN_RA)
    sebelum = _dict_ra(r)
    session.delete(r)
    session.flush()
    catat(session, aksi="rencana_aksi.hapus", oleh=oleh, objek="rencana_aksi", objek_id=r.id,
          kecamatan_id=r.kecamatan_id, sebelum=sebelum)


# ---------------------------------------------------------------- printing helpers


def teks_target(target: float | None, satuan: str) -> str:
    """A target with its unit as the PK prints it: as every page does (models.umum.angka.tulis_target).

    >>> teks_target(92.5, "%"), teks_target(40, "desa"), teks_target(None, "%")
    ('92,5%', '40 desa', '(belum ditetapkan)')
    """
    if target is None:
        return "(belum ditetapkan)"
    return tulis_target(target, satuan)


def teks_rupiah(nilai: int | float | None) -> str:
    """>>> teks_rupiah(1250000)
    '1.250.000'
    """
    return format_angka(nilai or 0, 0)


def tanggal_pk(isi: dict[str, Any]) -> str | None:
    t = isi.get("tanggal")
    return tanggal_panjang(date.fromisoformat(t)) if t else None

