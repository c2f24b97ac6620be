"""Backing up and restoring the whole database: SQLite through its online backup (a consistent copy while the
application runs), PostgreSQL through pg_dump and pg_restore (custom format, restored in one transaction).

A restore replaces everything the database holds with the backup's content; the backup must be of this product
(its Alembic revision known), and a backup of an older schema is upgraded after it is restored.
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from models.umum.kemajuan import Kemajuan
from models.umum.penolakan import Ditolak

HALAMAN_PER_LANGKAH = 256  # SQLite pages copied per step of the online backup




def _sqlite_berkas(url: str) -> Path:
    u = make_url(url)
    if not u.database or u.database == ":memory:":
        raise Ditolak("Basis data SQLite di memori tidak dapat dicadangkan.")
    return Path(u.database)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password (which goes in the environment, not the process list)."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    dsn = u.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return dsn, env


def _salin_sqlite(asal: sqlite3.Connection, tujuan: sqlite3.Connection, judul: str,
                  tulis: Callable[[str], None]) -> None:
    kemajuan: list[Kemajuan] = []

    def lapor(_status: int, sisa: int, total: int) -> None:
        if not kemajuan:
            kemajuan.append(Kemajuan(judul, total, tulis=tulis))
        kemajuan[0].maju(total - sisa)

    asal.backup(tujuan, pages=HALAMAN_PER_LANGKAH, progress=lapor)
    if kemajuan:
        kemajuan[0].maju(kemajuan[0].total, paksa=True)


def _revisi_sqlite(berkas: Path) -> str | None:
    try:
        with sqlite3.connect(f"file:{berkas}?mode=ro", uri=True) as c:
            baris = c.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return baris[0] if baris else None


def cadangkan(url: str, berkas: str | Path, *, tulis: Callable[[str], None] = print) -> Path:
    """Write a backup of the database at `url` to `berkas` (written whole or not at all)."""
    berkas = Path(berkas)
    sementara = berkas.with_name(berkas.name + ".sebagian")
    sementara.unlink(missing_ok=True)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        asal = _sqlite_berkas(url)
        if not asal.exists():
            raise Ditolak(f"Berkas basis data {asal} tidak ada.")
        with sqlite3.connect(asal) as a, sqlite3.connect(sementara) as t:
            _salin_sqlite(a, t, "Mencadangkan", tulis)
    elif backend == "postgresql":
        dsn, env = _libpq(url)
        tabel = _jumlah_tabel_pg(dsn, env)
        _jalankan(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--verbose",
                   f"--file={sementara}", dsn], env, "Mencadangkan", tabel, r"dumping contents of table", tulis)
    else:
        raise Ditolak(f"Basis data {backend} tidak didukung.")
    os.replace(sementara, berkas)
    return berkas


def pulihkan(url: str, berkas: str | Path, *, tulis: Callable[[str], None] = print) -> None:
    """Replace everything in the database at `url` with the backup `berkas`. The caller disposes of the
    application's pooled connections first and upgrades the schema afterwards."""
    berkas = Path(berkas)
    if not berkas.is_file():
        raise Ditolak(f"Berkas cadangan {berkas} tidak ada.")
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        if _revisi_sqlite(berkas) is None:
            raise Ditolak(f"{berkas} bukan cadangan basis data SAKIP (SQLite).")
        tujuan = _sqlite_berkas(url)
        with sqlite3.connect(berkas) as a, sqlite3.connect(tujuan) as t:
            _salin_sqlite(a, t, "Memulihkan", tulis)
    elif backend == "postgresql":
        dsn, env = _libpq(url)
        daftar = subprocess.run(["pg_restore", "--list", str(berkas)], env=env, capture_output=True, text=True)
        if daftar.returncode != 0 or "alembic_version" not in daftar.stdout:
            raise Ditolak(f"{berkas} bukan cadangan basis data SAKIP (PostgreSQL, format pg_dump custom).")
        # The work that takes time: each table's data, then each index and constraint built over it.
        berat = sum(1 for baris in daftar.stdout.splitlines()
                    if re.search(r" (TABLE DATA|INDEX|CONSTRAINT|FK CONSTRAINT) public ", baris))
        _jalankan(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                   "--exit-on-error", "--verbose", f"--dbname={dsn}", str(berkas)], env, "Memulihkan", berat,
                  r"processing data for table|creating (INDEX|CONSTRAINT|FK CONSTRAINT) ", tulis)
    else:
        raise Ditolak(f"Basis data {backend} tidak didukung.")


def _jumlah_tabel_pg(dsn: str, env: dict[str, str]) -> int:
    r = subprocess.run(["psql", "-qtAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", dsn],
                       env=env, capture_output=True, text=True)
    return int(r.stdout.strip()) if r.returncode == 0 and r.stdout.strip().isdigit() else 0


def _jalankan(perintah: list[str], env: dict[str, str], judul: str, total: int, pola: str,
              tulis: Callable[[str], None]) -> None:
    """Run a PostgreSQL tool, counting the tables it reports on stderr as progress; its error refuses."""
    kemajuan = Kemajuan(judul, total, tulis=tulis)
    selesai, pesan = 0, []
    try:
        proses = subprocess.Popen(perintah, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        raise Ditolak(f"Program {perintah[0]} tidak terpasang (paket Debian postgresql-client).") from None
    assert proses.stderr is not None
    for baris in proses.stderr:
        if re.search(pola, baris):
            selesai += 1
            kemajuan.maju(selesai)
        elif "error" in baris.lower() or "galat" in baris.lower():
            pesan.append(baris.strip())
    if proses.wait() != 0:
        raise Ditolak(f"{perintah[0]} gagal: {' '.join(pesan[-3:]) or 'kode keluar ' + str(proses.returncode)}")
    kemajuan.maju(max(selesai, total), paksa=True)
