"""Accounts: creating users, checking a login (with a lock after repeated failures), and what a user may see."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from models.audit import catat
from models.tables import Kecamatan, Role, User, utcnow

BATAS_GAGAL = 5
LAMA_KUNCI = timedelta(minutes=15)
PESAN_GAGAL = "Nama pengguna atau kata sandi salah."  # never says which of the two
PESAN_TERKUNCI = "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah 15 menit."


class AkunTidakSah(ValueError):
    pass


def buat_pengguna(session: Session, *, username: str, nama: str, password: str, role_kode: str,
                  kecamatan_id: int | None = None, kabupaten_id: int | None = None,
                  oleh: User | None = None) -> User:
    """Create a user of one office (kecamatan) or one kabupaten; audited."""
    username = username.strip().lower()
    if not username or " " in username:
        raise AkunTidakSah("Nama pengguna wajib diisi, tanpa spasi.")
    if len(password) < 8:
        raise AkunTidakSah("Kata sandi sedikitnya 8 karakter.")
    if session.get(Role, role_kode) is None:
        raise AkunTidakSah(f'Peran "{role_kode}" tidak dikenal.')
    if session.exec(select(User).where(User.username == username)).first():
        raise AkunTidakSah(f'Nama pengguna "{username}" sudah dipakai.')
    if role_kode == "kabupaten" and kabupaten_id is None:
        raise AkunTidakSah("Pengguna kabupaten harus terikat pada satu kabupaten.")
    if role_kode not in ("kabupaten", "admin") and kecamatan_id is None:
        raise AkunTidakSah("Pengguna kantor harus terikat pada satu kecamatan.")
    user = User(username=username, nama=nama, password_hash=generate_password_hash(password), role_kode=role_kode,
                kecamatan_id=kecamatan_id, kabupaten_id=kabupaten_id)
    session.add(user)
    session.flush()
    catat(session, aksi="pengguna.buat", oleh=oleh, objek="pengguna", objek_id=user.id, kecamatan_id=kecamatan_id,
          sesudah={"username": username, "role": role_kode})
    return user


@dataclass(frozen=True)
class HasilLogin:
    user: User | None
    pesan: str | None = None


def autentikasi(session: Session, *, username: str, password: str) -> HasilLogin:
    """Check a login. Failures are counted (and committed with the caller's transaction, so they are not
    rolled back with an exception); the fifth in a row locks the account for LAMA_KUNCI."""
    user = session.exec(select(User).where(User.username == (username or "").strip().lower())).first()
    sekarang = utcnow()
    if user is None or not user.aktif:
        catat(session, aksi="login.gagal", keterangan=f"nama pengguna: {(username or '')[:80]}")
        return HasilLogin(None, PESAN_GAGAL)
    if user.terkunci_sampai and user.terkunci_sampai > sekarang:
        catat(session, aksi="login.terkunci", oleh=user, objek="pengguna", objek_id=user.id)
        return HasilLogin(None, PESAN_TERKUNCI)
    if not check_password_hash(user.password_hash, password or ""):
        user.gagal_login += 1
        pesan = PESAN_GAGAL
        if user.gagal_login >= BATAS_GAGAL:
            user.terkunci_sampai = sekarang + LAMA_KUNCI
            user.gagal_login = 0
            pesan = PESAN_TERKUNCI
        session.add(user)
        catat(session, aksi="login.gagal", oleh=user, objek="pengguna", objek_id=user.id)
        return HasilLogin(None, pesan)
    user.gagal_login = 0
    user.terkunci_sampai = None
    session.add(user)
    catat(session, aksi="login", oleh=user, objek="pengguna", objek_id=user.id, kecamatan_id=user.kecamatan_id)
    return HasilLogin(user)


@dataclass(frozen=True)
class Lingkup:
    """What a user may see: None means every office (the admin)."""

    kecamatan_ids: list[int] | None


def lingkup(session: Session, user: User) -> Lingkup:
    if user.role_kode == "admin":
        return Lingkup(None)
    if user.role_kode == "kabupaten":
        ids = session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == user.kabupaten_id)).all()
        return Lingkup(list(ids))
    return Lingkup([user.kecamatan_id] if user.kecamatan_id else [])
