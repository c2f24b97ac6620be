"""How often a login may be tried: counted atomically, per account and address, per address, per account.

Every attempt is counted before its password is checked, in its own committed statement, so that parallel
attempts cannot outrun the count. The limits are set so that an attacker can neither guess quickly nor lock a person
out: the per-account limit across addresses does not apply on a device (address) the account has signed in from
before, and none of the answers depend on whether the account exists.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import cast

from sqlalchemy import Connection, Engine, Table, case, delete, inspect, select
from sqlalchemy.dialects import postgresql, sqlite

from models.tables import PercobaanMasuk, utcnow


@dataclass(frozen=True)
class Batas:
    awalan: str
    jumlah: int
    jendela: timedelta


AKUN_ALAMAT = Batas("a", 5, timedelta(minutes=15))  # one account from one address
ALAMAT = Batas("i", 30, timedelta(minutes=15))  # one address, whatever the accounts
AKUN = Batas("u", 20, timedelta(hours=1))  # one account from addresses it has not signed in from
DIKENAL = timedelta(days=90)  # how long an address stays known to an account after a login from it
PESAN_DIBATASI = "Terlalu banyak percobaan masuk. Coba lagi setelah 15 menit."
GANTI = Batas("g", 5, timedelta(minutes=15))  # wrong current passwords on Ganti kata sandi, per account
PESAN_GANTI_DIBATASI = "Terlalu banyak percobaan mengganti kata sandi. Coba lagi setelah 15 menit."
# A first-login password: when and from which device (address) it was issued, kept as "p:<username>|<address>"
# (a username holds no "|"); it expires SANDI_AWAL_BERLAKU after issue and does not sign in from that device.
SANDI_AWAL_BERLAKU = timedelta(hours=72)
PEMBERSIHAN = 200  # about one attempt in this many also removes the rows whose window has long passed
# The table itself, for the Core statements below (an atomic upsert, counted updates). SQLModel's classes do not
# declare `__table__`; a declarative class's table is a Table.
_TABEL = cast(Table, inspect(PercobaanMasuk).local_table)


def _kunci(batas_atau_awalan: Batas | str, *bagian: str) -> str:
    awalan = batas_atau_awalan.awalan if isinstance(batas_atau_awalan, Batas) else batas_atau_awalan
    return f"{awalan}:" + "|".join(b[:80] for b in bagian)


def _tambah(conn: Connection, kunci: str, jendela: timedelta, sekarang: datetime) -> int:
    """Add one attempt to `kunci` (a new window when the old one has passed); the count after it, atomically."""
    tabel = _TABEL
    dialek = postgresql if conn.dialect.name == "postgresql" else sqlite
    lewat = tabel.c.mulai < sekarang - jendela
    q = (dialek.insert(tabel).values(kunci=kunci, jumlah=1, mulai=sekarang)
         .on_conflict_do_update(index_elements=[tabel.c.kunci], set_={
             "jumlah": case((lewat, 1), else_=tabel.c.jumlah + 1),
             "mulai": case((lewat, sekarang), else_=tabel.c.mulai)})
         .returning(tabel.c.jumlah))
    return int(conn.execute(q).scalar_one())


def _kurangi(conn: Connection, kunci: str) -> None:
    tabel = _TABEL
    conn.execute(tabel.update().where(tabel.c.kunci == kunci).where(tabel.c.jumlah > 0)
                 .values(jumlah=tabel.c.jumlah - 1))


@dataclass(frozen=True)
class Percobaan:
    boleh: bool  # False: a limit is passed, no password may be checked
    akun_dihitung: bool  # the attempt counted against the account across addresses (an address it does not know)


def boleh_mencoba(engine: Engine, *, username: str, alamat: str, sekarang: datetime | None = None) -> Percobaan:
    """Count this attempt. The address's own limit is counted first: once it is passed nothing more is written for
    the accounts it tries, so a flood from one address does not grow the table."""
    t = sekarang or utcnow()
    username = (username or "").strip().lower()
    tabel = _TABEL
    with engine.begin() as conn:
        if secrets.randbelow(PEMBERSIHAN) == 0:  # now and then, windows long past are removed
            conn.execute(delete(tabel).where(~tabel.c.kunci.startswith("k:")).where(~tabel.c.kunci.startswith("p:"))
                         .where(tabel.c.mulai < t - max(AKUN_ALAMAT.jendela, ALAMAT.jendela, AKUN.jendela,
                                                        GANTI.jendela)))
            conn.execute(delete(tabel).where(tabel.c.kunci.startswith("p:"))
                         .where(tabel.c.mulai < t - SANDI_AWAL_BERLAKU))
            conn.execute(delete(tabel).where(tabel.c.kunci.startswith("k:")).where(tabel.c.mulai < t - DIKENAL))
        if _tambah(conn, _kunci(ALAMAT, alamat), ALAMAT.jendela, t) > ALAMAT.jumlah:
            return Percobaan(False, False)
        boleh = _tambah(conn, _kunci(AKUN_ALAMAT, username, alamat), AKUN_ALAMAT.jendela, t) <= AKUN_ALAMAT.jumlah
        dikenal = conn.execute(select(tabel.c.mulai).where(tabel.c.kunci == _kunci("k", username, alamat))).scalar()
        akun = dikenal is None or _aware(dikenal) < t - DIKENAL
        if akun:
            boleh = _tambah(conn, _kunci(AKUN, username), AKUN.jendela, t) <= AKUN.jumlah and boleh
    return Percobaan(boleh, akun)


def berhasil(engine: Engine, *, username: str, alamat: str, percobaan: Percobaan,
             sekarang: datetime | None = None) -> None:
    """A login succeeded: its attempt is given back to the address (and to the account, where it was counted
    there), the account's count from this address starts again, and the address becomes known to the account."""
    t = sekarang or utcnow()
    username = (username or "").strip().lower()
    tabel = _TABEL
    with engine.begin() as conn:
        conn.execute(delete(tabel).where(tabel.c.kunci == _kunci(AKUN_ALAMAT, username, alamat)))
        _kurangi(conn, _kunci(ALAMAT, alamat))
        if percobaan.akun_dihitung:
            _kurangi(conn, _kunci(AKUN, username))
        _tambah(conn, _kunci("k", username, alamat), DIKENAL, t)
        conn.execute(tabel.update().where(tabel.c.kunci == _kunci("k", username, alamat)).values(mulai=t))


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------- Ganti kata sandi


def boleh_mengganti(engine: Engine, *, user_id: int, sekarang: datetime | None = None) -> bool:
    """Count one attempt at the current password on Ganti kata sandi, before it is checked; False once the limit
    is passed (then nothing is checked)."""
    with engine.begin() as conn:
        return _tambah(conn, _kunci(GANTI, str(user_id)), GANTI.jendela, sekarang or utcnow()) <= GANTI.jumlah


def kembalikan_ganti(engine: Engine, *, user_id: int, selesai: bool) -> None:
    """The current password was right: the attempt is given back (`selesai`: the password was changed, the count
    starts again)."""
    tabel = _TABEL
    with engine.begin() as conn:
        if selesai:
            conn.execute(delete(tabel).where(tabel.c.kunci == _kunci(GANTI, str(user_id))))
        else:
            _kurangi(conn, _kunci(GANTI, str(user_id)))


# ---------------------------------------------------------------- first-login passwords


def terbitkan_sandi_awal(conn: Connection, *, username: str, alamat: str | None,
                         sekarang: datetime | None = None) -> None:
    """Note that a first-login password was issued now from `alamat`, in the caller's transaction (the one that
    creates the account); an earlier one of the account no longer counts."""
    tabel = _TABEL
    conn.execute(delete(tabel).where(tabel.c.kunci.startswith(f"p:{username}|", autoescape=True)))
    conn.execute(tabel.insert().values(kunci=_kunci("p", username, alamat or "-"), jumlah=1,
                                       mulai=sekarang or utcnow()))


def hapus_sandi_awal(conn: Connection, *, username: str) -> None:
    """The person set their own password (or was given a new one): the first-login one is gone."""
    tabel = _TABEL
    conn.execute(delete(tabel).where(tabel.c.kunci.startswith(f"p:{username}|", autoescape=True)))


@dataclass(frozen=True)
class SandiAwal:
    terbit: datetime
    alamat: str


def sandi_awal_terbit(conn: Connection, *, username: str) -> SandiAwal | None:
    """When and from where the account's first-login password was issued; None when there is none on record."""
    tabel = _TABEL
    baris = conn.execute(select(tabel.c.kunci, tabel.c.mulai).where(tabel.c.kunci.startswith(f"p:{username}|", autoescape=True))
                         .order_by(tabel.c.mulai.desc())).first()
    if baris is None:
        return None
    return SandiAwal(_aware(baris.mulai), baris.kunci.partition("|")[2])
