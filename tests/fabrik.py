"""Test factories: the demo's offices and people, indicators with targets, figures at a status, running work.

Each factory takes the session first and everything else by keyword, finds what the demo already has, and makes
what it lacks through the domain's own functions: a figure reaches its status by being entered, submitted and
carried through its collection SOP by the state machine, never by writing its status.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Literal, TypeVar, get_args

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from models.akun.pengguna import KATA_SANDI_DEMO, buat_pengguna
from models.akun.peran import PENGISI_SEMUA_IKU
from models.db import session_scope
from models.kinerja.iku import (
    iku_kantor,
    indikator_sekaligus,
    pastikan_iku,
    per_triwulan,
    sop_pengumpul,
    target_berlaku,
    tetapkan_target,
)
from models.kinerja.realisasi import Isian, ajukan, buka_kembali, cari, simpan_draf
from models.perencanaan.pekerjaan import label_periode_pekerjaan, mulai_pekerjaan
from models.perencanaan.perjanjian_kinerja import (
    buat_draf,
    langkah_terkunci,
    mulai_sop,
    pk_terakhir,
    run_berjalan,
    sop_pk,
    tandatangani,
)
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.sop.dokumen import kunci_nama
from models.tables import (
    Eksekusi,
    Indikator,
    Kabupaten,
    Kecamatan,
    PerjanjianKinerja,
    Realisasi,
    Role,
    Sop,
    SopLangkah,
    User,
)
from models.umum.periode import akhir_triwulan
from seed.demo import PENGGUNA_KANTOR, nama_login, pengatur_target

KANTOR = "Poncokusumo"  # the demo office a test works in unless it names another
KATA_SANDI = KATA_SANDI_DEMO  # every demo account's password, and the password of the accounts made here
AWALAN = {role: awalan for awalan, role, _jabatan in PENGGUNA_KANTOR}  # role code -> demo username prefix
Status = Literal["draf", "diajukan", "dikembalikan", "resmi", "dibuka"]
STATUS: tuple[Status, ...] = get_args(Status)
ALASAN_KEMBALI = "Dikembalikan untuk diperbaiki (uji)."
ALASAN_BUKA = "Dibuka kembali untuk diperbaiki (uji)."
T = TypeVar("T")


def lepas(engine: Engine, fabrik: Callable[..., T], **kw) -> T:
    """What `fabrik(s, **kw)` gives, in a transaction of its own (committed), detached to be read after it."""
    with session_scope(engine) as s:
        hasil = fabrik(s, **kw)
        s.expunge(hasil)
    return hasil


def nama_pengguna(peran: str, kantor: str = KANTOR, *, ke: int = 1) -> str:
    """The demo username of a role in an office ("camat.poncokusumo"; a kabupaten's: "kabupaten.malang")."""
    nomor = str(ke) if ke > 1 else ""
    if peran == "admin":
        return f"admin{nomor}"
    awalan = {"kabupaten": "kabupaten", "evaluator": "inspektorat"}.get(peran) or AWALAN[peran]
    return f"{awalan}{nomor}.{nama_login(kantor)}"


def kantor(s: Session, *, nama: str = KANTOR) -> Kecamatan:
    """The office (kecamatan) of that name."""
    return _kantor(s, nama)


def kabupaten(s: Session, *, nama: str) -> Kabupaten:
    """The kabupaten of that name."""
    return _kabupaten(s, nama)


def _kantor(s: Session, nama: str) -> Kecamatan:
    return s.exec(select(Kecamatan).where(Kecamatan.nama == nama)).one()


def _kabupaten(s: Session, nama: str) -> Kabupaten:
    return s.exec(select(Kabupaten).where(Kabupaten.nama == nama)).one()


def pengguna(s: Session, *, peran: str, kecamatan: str = KANTOR, kabupaten: str | None = None, ke: int = 1,
             nama: str | None = None) -> User:
    """The demo user of a role in an office (the `ke`-th of that role), made with the demo password if missing."""
    if peran == "admin":
        username, tempat, di = nama_pengguna("admin", ke=ke), {}, None
    elif peran in ("kabupaten", "evaluator"):
        kab = _kabupaten(s, kabupaten) if kabupaten else s.get(Kabupaten, _kantor(s, kecamatan).kabupaten_id)
        username, tempat, di = nama_pengguna(peran, kab.nama, ke=ke), {"kabupaten_id": kab.id}, kab.nama
    else:
        kec = _kantor(s, kecamatan)
        username, tempat, di = nama_pengguna(peran, kec.nama, ke=ke), {"kecamatan_id": kec.id}, kec.nama
    ada = s.exec(select(User).where(User.username == username)).first()
    if ada is not None:
        return ada
    if nama is None:
        role = s.get(Role, peran)
        nama = " ".join(x for x in (role.nama if role else peran, di, str(ke) if ke > 1 else None) if x)
    return buat_pengguna(s, username=username, nama=nama, password=KATA_SANDI, role_kode=peran, **tempat)


def akun(s: Session, *, username: str) -> User:
    """The account of that username (one a test made itself, e.g. by importing a staff sheet)."""
    return s.exec(select(User).where(User.username == username)).one()


def sop(s: Session, *, nama: str, kecamatan: str = KANTOR) -> Sop:
    """The office's SOP of that name (as printed, or its key: "pengukuran kinerja")."""
    return _sop(s, nama, kecamatan)


def _sop(s: Session, nama: str, kecamatan: str) -> Sop:
    kec = _kantor(s, kecamatan)
    return s.exec(select(Sop).where(Sop.kecamatan_id == kec.id).where(Sop.kunci == kunci_nama(nama))).one()


def indikator(s: Session, *, kecamatan: str = KANTOR, kode: str = "IKU-1", target: dict[int, float] | None = None,
              nama: str | None = None, pembilang: str = "Capaian", penyebut: str | None = "Sasaran",
              oleh: User | None = None) -> Indikator:
    """The office's indicator of that code (made as the office's own if missing), with the years' targets set."""
    kec = _kantor(s, kecamatan)
    ind = _iku(s, kec, kode)
    if ind is None:
        kab = s.get(Kabupaten, kec.kabupaten_id)
        pastikan_iku(s, [{"kabupaten": kab.nama, "kecamatan": kec.nama, "kode": kode, "pembilang": pembilang,
                          "penyebut": penyebut, "nama": nama or f"Indikator uji {kode}"}], oleh=oleh)
        ind = _iku(s, kec, kode)
    if target:
        oleh = oleh or pengatur_target(s, kec.id) or pengguna(s, peran="camat", kecamatan=kec.nama)
        for tahun, nilai in target.items():
            lama = target_berlaku(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=tahun)
            tetapkan_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=tahun, nilai=nilai, oleh=oleh,
                            alasan=None if lama is None else "Perubahan Perjanjian Kinerja (uji)")
    return ind


def _iku(s: Session, kec: Kecamatan, kode: str) -> Indikator | None:
    return next((i for i in iku_kantor(s, kec.id) if i.kode == kode), None)


def _pengisi(s: Session, kec: Kecamatan) -> User:
    """Who enters every figure of the office: its Kasubag Evapor (or Perencanaan dan Keuangan), else its Camat."""
    u = s.exec(select(User).where(User.kecamatan_id == kec.id).where(User.role_kode.in_(PENGISI_SEMUA_IKU))
               .where(User.aktif == True).order_by(User.id)).first()  # noqa: E712
    return u or pengguna(s, peran="camat", kecamatan=kec.nama)


def realisasi(s: Session, *, indikator: Indikator | str = "IKU-1", kecamatan: str = KANTOR, tahun: int,
              triwulan: int, status: Status = "draf", pembilang: str | float | None = None,
              penyebut: str | float | None = None, bukti: Sequence[str] = (), catatan: str | None = None,
              oleh: User | None = None, pada: datetime | None = None) -> Realisasi:
    """A quarter's figure entered by `oleh` (the office's filler) at `pada` and carried by the Camat to `status`."""
    if status not in STATUS:
        raise ValueError(f"status tidak dikenal: {status}")
    kec = _kantor(s, kecamatan)
    ind = indikator if isinstance(indikator, Indikator) else _iku(s, kec, indikator)
    if ind is None:
        raise ValueError(f"{indikator} tidak ada dalam IKU {kec.nama}")
    oleh = oleh or _pengisi(s, kec)
    camat = pengguna(s, peran="camat", kecamatan=kec.nama)
    akhir = akhir_triwulan(tahun, triwulan)
    pada = pada or datetime.combine(akhir + timedelta(days=7), time(2, 0), tzinfo=timezone.utc)
    r = _draf(s, kec, ind, tahun, triwulan, pembilang, penyebut, bukti, catatan, oleh, pada)
    if status == "draf":
        return r
    if per_triwulan(s, ind, kec.id):  # the SOP submits the quarter's every indicator at once: each needs a figure
        rev = sop_pengumpul(s, ind, kec.id)
        for lain in indikator_sekaligus(s, kecamatan_id=kec.id, sop_id=rev.sop_id):
            if cari(s, indikator_id=lain.id, kecamatan_id=kec.id, tahun=tahun, triwulan=triwulan) is None:
                _draf(s, kec, lain, tahun, triwulan, None, None, (), None, oleh, pada)
    eks = ajukan(s, realisasi_id=r.id, oleh=oleh, pada=pada)
    if status == "dikembalikan":
        _kembalikan(s, eks, oleh=camat, pada=pada)
    elif status in ("resmi", "dibuka"):
        tuntaskan(s, eksekusi=eks, oleh=camat, pada=pada)
    if status == "dibuka":
        buka_kembali(s, realisasi_id=r.id, alasan=ALASAN_BUKA, oleh=camat)
    s.flush()
    s.refresh(r)
    if r.status != status:
        raise AssertionError(f"{ind.kode} {kec.nama}: berstatus {r.status}, bukan {status}")
    return r


def _draf(s: Session, kec: Kecamatan, ind: Indikator, tahun: int, triwulan: int, pembilang: str | float | None,
          penyebut: str | float | None, bukti: Sequence[str], catatan: str | None, oleh: User,
          pada: datetime) -> Realisasi:
    pembilang = "40" if pembilang is None else pembilang
    penyebut = ("50" if penyebut is None else penyebut) if ind.penyebut else None
    return simpan_draf(s, kecamatan_id=kec.id, tahun=tahun, triwulan=triwulan, oleh=oleh, pada=pada,
                       hari_ini=akhir_triwulan(tahun, triwulan),
                       isian=Isian(ind.id, pembilang, penyebut, catatan, list(bukti)))


def _kembalikan(s: Session, eks: Eksekusi, *, oleh: User, pada: datetime) -> None:
    """Carry a submitted figure to its first decision step that may send it back, and send it back from there."""
    while (rec := catatan_terbuka(s, eks.id)) is not None:
        lk = s.get(SopLangkah, rec.langkah_id)
        if lk.keputusan and lk.kembali_ke_urutan:
            putuskan(s, catatan_id=rec.id, setuju=False, alasan=ALASAN_KEMBALI, oleh=oleh, pada=pada)
            return
        _lanjut(s, rec.id, lk, oleh=oleh, pada=pada)
    raise AssertionError(f"SOP eksekusi {eks.id} tidak memiliki langkah keputusan yang dapat mengembalikan")


def _lanjut(s: Session, catatan_id: int, lk: SopLangkah, *, oleh: User, pada: datetime) -> None:
    if lk.keputusan:
        putuskan(s, catatan_id=catatan_id, setuju=True, oleh=oleh, pada=pada)
    else:
        selesaikan(s, catatan_id=catatan_id, oleh=oleh, pada=pada)


def tuntaskan(s: Session, *, eksekusi: Eksekusi, oleh: User, pada: datetime) -> Eksekusi:
    """Carry a running execution to its end at `pada`, `oleh` (the office's Camat may act at every step) approving."""
    while (rec := catatan_terbuka(s, eksekusi.id)) is not None:
        _lanjut(s, rec.id, s.get(SopLangkah, rec.langkah_id), oleh=oleh, pada=pada)
    s.refresh(eksekusi)
    return eksekusi


def sahkan(s: Session, *, realisasi_id: int, pengisi: User, camat: User, pada: datetime) -> Realisasi:
    """Submit an entered figure and let the Camat carry it through its SOP until it is official."""
    tuntaskan(s, eksekusi=ajukan(s, realisasi_id=realisasi_id, oleh=pengisi, pada=pada), oleh=camat, pada=pada)
    return s.get(Realisasi, realisasi_id)


def pekerjaan(s: Session, *, sop: str, kecamatan: str = KANTOR, tahun: int, triwulan: int | None = None,
              judul: str | None = None, oleh: User | None = None, pada: datetime | None = None,
              ulang: bool = False) -> Eksekusi:
    """A running piece of work: the office's SOP of that name started for the period by `oleh` (the Camat);
    `ulang`: started again over a finished run of the period, as the person confirms on the page."""
    prosedur = _sop(s, sop, kecamatan)
    oleh = oleh or pengguna(s, peran="camat", kecamatan=kecamatan)
    judul = judul or f"{prosedur.nama} {label_periode_pekerjaan(tahun, triwulan)}"
    return mulai_pekerjaan(s, sop_id=prosedur.id, judul=judul, tahun=tahun, triwulan=triwulan, oleh=oleh, pada=pada,
                           ulang=ulang)


PDF_TTD = b"%PDF-1.4\n% Perjanjian Kinerja ditandatangani (uji)\n%%EOF\n"


def perjanjian(s: Session, *, kecamatan: str = KANTOR, tahun: int, pada: datetime, folder: Path | None = None,
               role: str = "camat") -> PerjanjianKinerja:
    """A signed PK of the year (the Camat's by default), signed at `pada` with a scan: through the office's SOP for
    it where it has one (every step done by the Camat at `pada`), else directly."""
    folder = folder or Path(tempfile.gettempdir()) / "sakip-uji-lampiran"
    camat = pengguna(s, peran="camat", kecamatan=kecamatan)
    kec = _kantor(s, kecamatan)
    pk = pk_terakhir(s, kec.id, tahun, role) or buat_draf(s, kecamatan_id=kec.id, tahun=tahun, role_kode=role,
                                                            oleh=camat)
    if role == "camat" and sop_pk(s, kec.id) is not None:
        eks = run_berjalan(s, pk.id) or mulai_sop(s, kecamatan_id=kec.id, tahun=tahun, oleh=camat, pada=pada)
        for _ in range(20):
            rec = catatan_terbuka(s, eks.id)
            if rec is None or s.get(Eksekusi, eks.id).status != "berjalan":
                break
            lk = s.get(SopLangkah, rec.langkah_id)
            if langkah_terkunci(s, eks, rec):
                break
            if lk.keputusan:
                putuskan(s, catatan_id=rec.id, setuju=True, oleh=camat, pada=pada)
            else:
                selesaikan(s, catatan_id=rec.id, oleh=camat, pada=pada)
    return tandatangani(s, pk_id=pk.id, nama_berkas="pk-ttd.pdf", data=PDF_TTD, tanggal=pada.date(), oleh=camat,
                        folder=folder, pada=pada)
