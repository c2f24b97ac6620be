"""Accounts: creating users, checking a login, ending a user's sessions, and what a user may see.

How often a login may be tried is models.akun.pembatas's; nothing here says whether an account exists.

Who may create which role: an office has at most one active Camat and one active Sekretaris Camat (PERAN_TUNGGAL);
only the admin creates, assigns or replaces them, and a replacement deactivates the previous holder (ending their
sessions) in the same transaction, audited. Anyone else creating an account (a kabupaten user importing an office's
people) creates only the office's other roles, within their own kabupaten.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import case, false, func, literal, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from werkzeug.security import check_password_hash, generate_password_hash

from models.akun.pembatas import SANDI_AWAL_BERLAKU, hapus_sandi_awal, sandi_awal_terbit, terbitkan_sandi_awal
from models.akun.peran import NAMA_PERAN, PERAN_KANTOR, TINGKAT_KABUPATEN
from models.akun.sandi import periksa_sandi
from models.tables import Kabupaten, Kecamatan, Role, User, utcnow
from models.umum.audit import catat
from models.umum.halaman import PER_HALAMAN, Halaman, dengan_baris, halaman_kosong, kata_cari
from models.umum.isian import MAKS_PENDEK, teks
from models.umum.nip import baca_nip, format_nip
from models.umum.penolakan import Ditolak

KATA_SANDI_DEMO = "demo12345"  # every account of the demo data; the login page shows it on a demo database


PESAN_GAGAL = "Nama pengguna atau kata sandi salah."  # never says which of the two
PESAN_SANDI_AWAL_HABIS = ("Kata sandi awal sudah tidak berlaku (berlaku 72 jam sejak diterbitkan). Minta Admin "
                          "menyetel ulang kata sandi Anda.")
PESAN_SANDI_AWAL_DIBERIKAN = ("Kata sandi ini kata sandi awal: berlaku 72 jam, tidak dapat dipakai dari perangkat ini, "
                              "dan harus diganti pemiliknya saat pertama masuk.")
PESAN_SANDI_AWAL_PERANGKAT = ("Kata sandi awal tidak dapat dipakai dari perangkat yang menerbitkannya. Masuklah dari "
                              "perangkat Anda sendiri.")

# Bounds of an account's fields: the columns' own (models.tables.User).
MAKS_USERNAME = 80
MAKS_NAMA_AKUN = 160
MAKS_JABATAN = 160
POLA_USERNAME = re.compile(r"[a-z0-9._-]{3,80}")
PESAN_USERNAME = ("hanya boleh huruf kecil, angka, titik, garis bawah atau tanda hubung (3–80 karakter).")
PESAN_SANDI_SALAH = "Kata sandi sekarang salah."
PERAN_TUNGGAL = frozenset({"camat", "sekcam"})  # one active holder per office; the admin's to create or replace


def baca_username(nilai: object) -> str:
    """A username as typed, lower case, within its bound and pattern; Ditolak otherwise.

    >>> baca_username(" Camat2.Kalipare ")
    'camat2.kalipare'
    """
    username = (teks(nilai, label="Nama pengguna", maks=MAKS_USERNAME, wajib=True) or "").lower()
    if not POLA_USERNAME.fullmatch(username):
        raise Ditolak(f'Nama pengguna "{username}" {PESAN_USERNAME}')
    return username


def baca_nama(nilai: object) -> str:
    return " ".join((teks(nilai, label="Nama lengkap", maks=MAKS_NAMA_AKUN, wajib=True) or "").split())


def baca_jabatan(nilai: object) -> str | None:
    return " ".join((teks(nilai, label="Jabatan", maks=MAKS_JABATAN) or "").split()) or None


def baca_nip_akun(nilai: object) -> str | None:
    return baca_nip(teks(nilai, label="NIP", maks=MAKS_PENDEK))


def buat_pengguna(session: Session, *, username: str, nama: str, password: str, role_kode: str,
                  kecamatan_id: int | None = None, kabupaten_id: int | None = None,
                  oleh: User | None = None, gantikan: bool = False, sandi_awal_dari: str | None = None) -> User:
    """Create a user of one office (kecamatan) or one kabupaten; audited. `oleh` None is the operator (CLI, seed).
    A Camat or Sekretaris Camat only by the admin; with `gantikan`, the office's active one is deactivated.
    `sandi_awal_dari`: the device (address) a person other than the user set the password from; the password is then
    a first-login one (`sandi_awal`)."""
    username = baca_username(username)
    nama = baca_nama(nama)
    periksa_sandi(password, username=username, nama=nama)
    if session.exec(select(User).where(User.username == username)).first():
        raise Ditolak(f'Nama pengguna "{username}" sudah dipakai.')
    kecamatan_id, kabupaten_id = _periksa_kantor(session, role_kode, kecamatan_id, kabupaten_id)
    _periksa_pembuat(session, role_kode, kecamatan_id, oleh)
    diganti = _periksa_pemegang(session, role_kode, kecamatan_id, oleh=oleh, gantikan=gantikan)
    user = User(username=username, nama=nama, password_hash=generate_password_hash(password), role_kode=role_kode,
                kecamatan_id=kecamatan_id, kabupaten_id=kabupaten_id)
    session.add(user)
    session.flush()
    if sandi_awal_dari is not None:
        sandi_awal(session, user, dari=sandi_awal_dari)
    catat(session, aksi="pengguna.buat", oleh=oleh, objek="pengguna", objek_id=user.id, kecamatan_id=kecamatan_id,
          sesudah={"username": username, "role": role_kode, **({"menggantikan": diganti} if diganti else {})})
    return user


def _periksa_pembuat(session: Session, role_kode: str, kecamatan_id: int | None, oleh: User | None) -> None:
    """Anyone but the admin (or the operator) creates only an office's roles other than the Camat and the
    Sekretaris Camat, in an office of their own scope."""
    if oleh is None or oleh.role_kode == "admin":
        return
    if role_kode in PERAN_TUNGGAL:
        raise Ditolak(f"Akun {NAMA_PERAN[role_kode]} hanya dapat dibuat atau diganti oleh Admin (halaman Pengguna).")
    ids = lingkup(session, oleh).kecamatan_ids
    if role_kode not in PERAN_KANTOR or kecamatan_id is None or (ids is not None and kecamatan_id not in ids):
        raise Ditolak("Hanya Admin yang dapat membuat akun dengan peran atau kantor ini.")


def _periksa_pemegang(session: Session, role_kode: str, kecamatan_id: int | None, *, oleh: User | None,
                      gantikan: bool, kecuali: int | None = None) -> list[str]:
    """One active Camat and one active Sekretaris Camat per office: with another active holder, refused unless
    `gantikan`, which deactivates them (their sessions end), audited. Returns the usernames replaced."""
    if role_kode not in PERAN_TUNGGAL or kecamatan_id is None:
        return []
    q = (select(User).where(User.kecamatan_id == kecamatan_id).where(User.role_kode == role_kode)
         .where(User.aktif == True))  # noqa: E712
    pemegang = [u for u in session.exec(q) if u.id != kecuali]
    if not pemegang:
        return []
    peran = NAMA_PERAN[role_kode]
    if not gantikan:
        kec = session.get(Kecamatan, kecamatan_id)
        daftar = ", ".join(u.username for u in pemegang)
        raise Ditolak(f"Kecamatan {kec.nama if kec else kecamatan_id} sudah punya {peran} aktif ({daftar}). "
                      f'Centang "Gantikan {peran} yang sekarang" untuk menggantinya.')
    if oleh is not None and oleh.role_kode != "admin":
        raise Ditolak(f"Akun {peran} hanya dapat dibuat atau diganti oleh Admin (halaman Pengguna).")
    for u in pemegang:
        u.aktif = False
        akhiri_sesi(u)
        session.add(u)
        catat(session, aksi="pengguna.nonaktif", oleh=oleh, objek="pengguna", objek_id=u.id,
              kecamatan_id=kecamatan_id, sebelum={"aktif": True, "role": role_kode},
              sesudah={"aktif": False, "role": role_kode}, keterangan=f"{peran} digantikan.")
    session.flush()
    return [u.username for u in pemegang]


def _periksa_kantor(session: Session, role_kode: str, kecamatan_id: int | None,
                    kabupaten_id: int | None) -> tuple[int | None, int | None]:
    """A kantor user belongs to one kecamatan, a kabupaten user to one kabupaten, the admin to neither."""
    if not isinstance(role_kode, str):
        raise Ditolak("Peran tidak sah.")
    if session.get(Role, role_kode[:40]) is None:
        raise Ditolak(f'Peran "{role_kode[:40]}" tidak dikenal.')
    if role_kode == "admin":
        return None, None
    if role_kode in TINGKAT_KABUPATEN:
        if kabupaten_id is None or session.get(Kabupaten, kabupaten_id) is None:
            raise Ditolak("Pengguna kabupaten harus terikat pada satu kabupaten.")
        return None, kabupaten_id
    if kecamatan_id is None or session.get(Kecamatan, kecamatan_id) is None:
        raise Ditolak("Pengguna kantor harus terikat pada satu kecamatan.")
    return kecamatan_id, None


def _pengguna(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise Ditolak("Pengguna tidak ditemukan.")
    return user


def _ringkas(u: User) -> dict:
    return {"role": u.role_kode, "kecamatan_id": u.kecamatan_id, "kabupaten_id": u.kabupaten_id, "aktif": u.aktif,
            "nip": u.nip, "jabatan": u.jabatan}


TETAP = object()  # an argument not given: the value stays as it is


def ubah_pengguna(session: Session, *, user_id: int, role_kode: str, kecamatan_id: int | None,
                  kabupaten_id: int | None, aktif: bool, oleh: User, nip: object = TETAP,
                  jabatan: object = TETAP, gantikan: bool = False) -> User:
    """Assign role and office, (de)activate, set the NIP (18 digits, as typed with spaces) and the jabatan the
    signature blocks print; the admin's only, who cannot lock themself out. An office's one active Camat or
    Sekretaris Camat is replaced only with `gantikan`. Audited with before/after."""
    if oleh.role_kode != "admin":
        raise Ditolak("Hanya Admin yang dapat mengubah peran, kantor atau status akun.")
    user = _pengguna(session, user_id)
    if user.id == oleh.id and (not aktif or role_kode != user.role_kode):
        raise Ditolak("Anda tidak dapat menonaktifkan atau mengubah peran akun Anda sendiri.")
    kecamatan_id, kabupaten_id = _periksa_kantor(session, role_kode, kecamatan_id, kabupaten_id)
    if nip is not TETAP:
        nip = baca_nip_akun(nip)
        if nip and session.exec(select(User.id).where(User.nip == nip).where(User.id != user.id)).first():
            raise Ditolak(f"NIP {format_nip(nip)} sudah dipakai akun lain.")
    if jabatan is not TETAP:
        jabatan = baca_jabatan(jabatan)
    if aktif and (not user.aktif or role_kode != user.role_kode or kecamatan_id != user.kecamatan_id):
        _periksa_pemegang(session, role_kode, kecamatan_id, oleh=oleh, gantikan=gantikan, kecuali=user.id)
    sebelum = _ringkas(user)
    if nip is not TETAP:
        user.nip = nip  # type: ignore[assignment]
    if jabatan is not TETAP:
        user.jabatan = jabatan  # type: ignore[assignment]
    user.role_kode, user.kecamatan_id, user.kabupaten_id, user.aktif = role_kode, kecamatan_id, kabupaten_id, aktif
    sesudah = _ringkas(user)
    if sesudah != sebelum:
        if sesudah["aktif"] != sebelum["aktif"] or sesudah["role"] != sebelum["role"]:
            akhiri_sesi(user)  # a deactivated (or reactivated, or re-roled) account signs in afresh
        session.add(user)
        aksi = "pengguna.nonaktif" if sebelum["aktif"] and not aktif else "pengguna.ubah"
        catat(session, aksi=aksi, oleh=oleh, objek="pengguna", objek_id=user.id, kecamatan_id=kecamatan_id,
              sebelum=sebelum, sesudah=sesudah)
    return user


def sandi_awal(session: Session, user: User, *, dari: str) -> None:
    """The password someone else set for `user` from the device `dari` is a first-login one: it must be replaced at
    the first sign-in, expires SANDI_AWAL_BERLAKU after now and does not sign in from `dari`; so it is of no use to
    whoever set it once the person has it."""
    user.ganti_sandi = True
    session.add(user)
    terbitkan_sandi_awal(session.connection(), username=user.username, alamat=dari)


def setel_ulang_sandi(session: Session, *, user_id: int, password: str, oleh: User,
                      sandi_awal_dari: str | None = None) -> User:
    """Set a new password (the admin tells the user); every session of the user ends. With `sandi_awal_dari` (the
    admin's device) it is a first-login password (`sandi_awal`); without it (the operator), the user's own. Audited
    without the password."""
    user = _pengguna(session, user_id)
    periksa_sandi(password, username=user.username, nama=user.nama)
    user.password_hash = generate_password_hash(password)
    if sandi_awal_dari is not None:
        sandi_awal(session, user, dari=sandi_awal_dari)
    else:
        user.ganti_sandi = False
        hapus_sandi_awal(session.connection(), username=user.username)
    akhiri_sesi(user)
    session.add(user)
    catat(session, aksi="pengguna.sandi", oleh=oleh, objek="pengguna", objek_id=user.id,
          kecamatan_id=user.kecamatan_id)
    return user


def ganti_sandi_sendiri(session: Session, *, user_id: int, sandi_lama: str, sandi_baru: str, ulangi: str) -> User:
    """A user sets their own password (the first-login one, or any later): the current one checked, the new one
    passing the rule (models.akun.sandi), typed twice, not the same. Every other session of the user ends; audited
    without the passwords. How often it may be tried is the caller's (models.akun.pembatas.boleh_mengganti)."""
    user = _pengguna(session, user_id)
    if not isinstance(sandi_lama, str) or not check_password_hash(user.password_hash, sandi_lama[:1000]):
        raise Ditolak(PESAN_SANDI_SALAH)
    periksa_sandi(sandi_baru, username=user.username, nama=user.nama)
    if sandi_baru != ulangi:
        raise Ditolak("Kata sandi baru dan ulangannya tidak sama.")
    if sandi_baru == sandi_lama:
        raise Ditolak("Kata sandi baru harus berbeda dari yang sekarang.")
    user.password_hash = generate_password_hash(sandi_baru)
    user.ganti_sandi = False
    hapus_sandi_awal(session.connection(), username=user.username)
    akhiri_sesi(user)
    session.add(user)
    catat(session, aksi="pengguna.sandi.sendiri", oleh=user, objek="pengguna", objek_id=user.id,
          kecamatan_id=user.kecamatan_id)
    return user


@dataclass(frozen=True)
class HasilLogin:
    user: User | None
    pesan: str | None = None


def akhiri_sesi(user: User) -> None:
    """End every session of the user: each carries the old token, which no longer matches. The caller commits."""
    user.sesi_token = secrets.token_hex(16)


@cache
def _sandi_tiruan() -> str:
    """A hash checked when the account does not exist, so that the answer takes as long as for one that does."""
    return generate_password_hash(secrets.token_hex(16))


def autentikasi(session: Session, *, username: str, password: str, alamat: str | None = None,
                sekarang: datetime | None = None) -> HasilLogin:
    """Check a login: the same message and the same work whether the account is unknown, inactive or the password
    wrong. A first-login password (the account's `ganti_sandi`) signs in only within SANDI_AWAL_BERLAKU of its issue
    and not from the device (`alamat`) that issued it; said only once the password is right. Audited."""
    user = session.exec(select(User).where(User.username == (username or "").strip().lower())).first()
    cocok = check_password_hash(user.password_hash if user else _sandi_tiruan(), (password or "")[:1000])
    if user is None or not user.aktif or not cocok:
        if user is None:
            catat(session, aksi="login.gagal", keterangan=f"nama pengguna: {(username or '')[:80]}")
        else:
            catat(session, aksi="login.gagal", oleh=user, objek="pengguna", objek_id=user.id)
        return HasilLogin(None, PESAN_GAGAL)
    if user.ganti_sandi:
        terbit = sandi_awal_terbit(session.connection(), username=user.username)
        pesan = None
        # No issue on record: an account given its first password before issues were noted. It signs in (and must
        # set its own password first, as every first-login account).
        if terbit is None:
            pesan = None
        elif terbit.terbit < (sekarang or utcnow()) - SANDI_AWAL_BERLAKU:
            pesan = PESAN_SANDI_AWAL_HABIS
        elif alamat is not None and terbit.alamat == alamat[:80]:
            pesan = PESAN_SANDI_AWAL_PERANGKAT
        if pesan:
            catat(session, aksi="login.sandi_awal.ditolak", oleh=user, objek="pengguna", objek_id=user.id,
                  kecamatan_id=user.kecamatan_id, keterangan=pesan)
            return HasilLogin(None, pesan)
    catat(session, aksi="login", oleh=user, objek="pengguna", objek_id=user.id, kecamatan_id=user.kecamatan_id)
    return HasilLogin(user)


@dataclass(frozen=True)
class Lingkup:
    """What a user may see: None means every office (the admin)."""

    kecamatan_ids: list[int] | None


def lingkup(session: Session, user: User) -> Lingkup:
    if user.role_kode == "admin":
        return Lingkup(None)
    if user.role_kode in TINGKAT_KABUPATEN:
        ids = session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == user.kabupaten_id)).all()
        return Lingkup(list(ids))
    return Lingkup([user.kecamatan_id] if user.kecamatan_id else [])


@dataclass(frozen=True)
class BarisPengguna:
    id: int
    username: str
    nama: str
    role_kode: str
    peran: str
    kantor: str
    kecamatan_id: int | None
    kabupaten_id: int | None
    aktif: bool
    nip: str | None = None  # as printed, in its groups
    jabatan: str | None = None


PER_HALAMAN_PENGGUNA = PER_HALAMAN
# The orders the users page offers, by their key: (label, the columns in order); each ends on the id for a stable page.
URUTAN_PENGGUNA = {
    "kantor": "Kantor",
    "username": "Nama pengguna",
    "nama": "Nama",
    "peran": "Peran",
    "status": "Status (nonaktif dahulu)",
}


# The office of an account: its kecamatan's kabupaten, or the kabupaten it belongs to itself.
_KAB_KEC = aliased(Kabupaten, name="kab_kec")
_KAB_SENDIRI = aliased(Kabupaten, name="kab_sendiri")
_NAMA_KAB = func.coalesce(_KAB_KEC.nama, _KAB_SENDIRI.nama)
# The office as the list prints it (_baris_pengguna), so that a search finds what the admin reads.
_LABEL_KANTOR = case(
    (col(User.kecamatan_id).is_not(None), literal("Kec. ") + Kecamatan.nama + " (Kab. " + _NAMA_KAB + ")"),
    (col(User.kabupaten_id).is_not(None), literal("Kabupaten ") + _NAMA_KAB),
    else_=literal("Semua kantor"))


def _dengan_kantor(*kolom):
    """A query over the accounts joined to their role and office (the columns the list shows and searches)."""
    return (select(*kolom).select_from(User)
            .outerjoin(Role, Role.kode == User.role_kode)
            .outerjoin(Kecamatan, Kecamatan.id == User.kecamatan_id)
            .outerjoin(_KAB_KEC, _KAB_KEC.id == Kecamatan.kabupaten_id)
            .outerjoin(_KAB_SENDIRI, _KAB_SENDIRI.id == User.kabupaten_id))


def _baris_pengguna(u: User, peran: str | None, kec: str | None, kab: str | None) -> BarisPengguna:
    kantor = f"Kec. {kec} (Kab. {kab})" if u.kecamatan_id else f"Kabupaten {kab}" if u.kabupaten_id else "Semua kantor"
    return BarisPengguna(u.id, u.username, u.nama, u.role_kode, peran or u.role_kode, kantor, u.kecamatan_id,
                         u.kabupaten_id, u.aktif, format_nip(u.nip), u.jabatan)


def _cocok(kata: str):
    """Where one word of the search may appear; a NIP is matched on its digits, typed with spaces or not."""
    nip = "".join(ch for ch in kata if not ch.isspace() and ch != ".")
    return or_(
        func.lower(User.username).contains(kata, autoescape=True),
        func.lower(User.nama).contains(kata, autoescape=True),
        col(User.nip).contains(nip, autoescape=True) if nip.isdigit() else false(),
        func.lower(Role.nama).contains(kata, autoescape=True),
        func.lower(_LABEL_KANTOR).contains(kata, autoescape=True),
    )


def cari_pengguna(session: Session, *, cari: object = None, urut: object = "kantor", halaman: object = 1,
                  per_halaman: int = PER_HALAMAN_PENGGUNA) -> Halaman[BarisPengguna]:
    """One page of the accounts, searched, sorted and paged by the database (the admin's users page).

    Each word of the search must appear in the username, the name, the NIP (typed with its spaces or without), the
    role's name or the office as the list prints it ("Kec. Kalipare (Kab. Malang)"). Only the page's rows leave the database, so the answer's size does not follow the
    number of accounts. An order not offered reads as "kantor"; a page past the last is the last.
    """
    syarat = [_cocok(k) for k in kata_cari(cari)]
    semua = session.exec(select(func.count()).select_from(User)).one()
    cocok: int = session.exec(_dengan_kantor(func.count(col(User.id))).where(*syarat)).one()
    h = halaman_kosong(halaman, cocok, semua, per_halaman)
    tanpa_kantor = case((col(User.kecamatan_id).is_(None) & col(User.kabupaten_id).is_(None), 0), else_=1)  # the admins first
    kantor = (tanpa_kantor, _NAMA_KAB, case((col(User.kecamatan_id).is_(None), 0), else_=1), Kecamatan.nama)
    urutan = {
        "kantor": (*kantor, Role.urutan, User.username),
        "username": (User.username,),
        "nama": (func.lower(User.nama), User.username),
        "peran": (Role.urutan, *kantor, User.username),
        "status": (User.aktif, *kantor, Role.urutan, User.username),
    }[urut if isinstance(urut, str) and urut in URUTAN_PENGGUNA else "kantor"]
    q = (_dengan_kantor(User, Role.nama, Kecamatan.nama, _NAMA_KAB).where(*syarat).order_by(*urutan, User.id)
         .offset(h.offset).limit(h.per_halaman))
    return dengan_baris(h, [_baris_pengguna(*r) for r in session.exec(q)])


def label_pengguna(b: BarisPengguna) -> str:
    """How an account is named in the users page's chooser."""
    return f"{b.username} · {b.peran} · {b.kantor}"


def pengguna_terpilih(session: Session, user_id: int) -> BarisPengguna | None:
    """The one account the users page's chooser holds, whatever page the list shows."""
    r = session.exec(_dengan_kantor(User, Role.nama, Kecamatan.nama, _NAMA_KAB).where(User.id == user_id)).first()
    return _baris_pengguna(*r) if r else None


def pilihan_kantor(session: Session) -> list[tuple[str, str]]:
    """Offices a user can belong to, as ("kec:<id>" | "kab:<id>", label)."""
    kab = {k.id: k.nama for k in session.exec(select(Kabupaten).order_by(Kabupaten.nama))}
    hasil = [(f"kab:{i}", f"Kabupaten {n}") for i, n in kab.items()]
    for k in session.exec(select(Kecamatan).order_by(Kecamatan.nama)):
        hasil.append((f"kec:{k.id}", f"Kec. {k.nama} (Kab. {kab[k.kabupaten_id]})"))
    return hasil


def baca_kantor(nilai: str | None) -> tuple[int | None, int | None]:
    """("kec:3" → (3, None), "kab:1" → (None, 1), empty → (None, None)).

    >>> baca_kantor("kec:3"), baca_kantor("kab:1"), baca_kantor(None), baca_kantor("x:1")
    ((3, None), (None, 1), (None, None), (None, None))
    >>> baca_kantor(7), baca_kantor("kec:" + "9" * 30), baca_kantor("kec:²")
    ((None, None), (None, None), (None, None))
    """
    jenis, _, ident = (nilai if isinstance(nilai, str) else "").partition(":")
    if not (ident.isascii() and ident.isdigit() and len(ident) <= 18):
        return None, None
    return (int(ident), None) if jenis == "kec" else (None, int(ident)) if jenis == "kab" else (None, None)
