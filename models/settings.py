"""Configuration from the environment, with the embedded defaults (SQLite under instance/)."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from models.umum.kalender import JAM_KERJA_BAKU, baca_jam_kerja, menit_hari_terpanjang

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEFAULT_DB = f"sqlite:///{INSTANCE / 'sakip.db'}"


class KonfigurasiSalah(RuntimeError):
    """The environment does not describe a runnable installation."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    env: str
    menit_per_hari: int  # "1 hari": the longest working day of `jam_kerja`
    upload_dir: Path
    jam_kerja: str  # office hours of the work calendar, e.g. "Sen-Jum 08:00-16:00" (models.umum.kalender)

    @property
    def development(self) -> bool:
        return self.env in ("development", "test")


def _dev_secret() -> str:
    """A key kept in instance/ so development sessions survive a restart; never used in production."""
    INSTANCE.mkdir(exist_ok=True)
    berkas = INSTANCE / "secret_key"
    if not berkas.exists():
        berkas.write_text(secrets.token_hex(32))
        berkas.chmod(0o600)
    return berkas.read_text().strip()


def load_settings(overrides: dict | None = None) -> Settings:
    """Settings from the environment (APP_ENV, DATABASE_URL, SECRET_KEY, MENIT_PER_HARI, UPLOAD_DIR, JAM_KERJA)."""
    o = {k.upper(): v for k, v in (overrides or {}).items()}
    get = lambda k, d=None: o.get(k, os.environ.get(k, d))  # noqa: E731
    env = str(get("APP_ENV", "production")).lower()
    secret = get("SECRET_KEY")
    if not secret:
        if env not in ("development", "test"):
            raise KonfigurasiSalah(
                "SECRET_KEY wajib diisi di luar lingkungan pengembangan (APP_ENV=development)."
            )
        secret = _dev_secret()
    jam_kerja = str(get("JAM_KERJA") or JAM_KERJA_BAKU)
    try:
        jam = baca_jam_kerja(jam_kerja)
    except ValueError as e:
        raise KonfigurasiSalah(f"JAM_KERJA salah. {e}") from None
    menit = menit_hari_terpanjang(jam)  # "1 hari" is the longest working day of the office hours
    if get("MENIT_PER_HARI") not in (None, ""):
        try:
            ditulis = int(get("MENIT_PER_HARI"))
        except ValueError:
            raise KonfigurasiSalah("MENIT_PER_HARI harus bilangan bulat menit kerja per hari.") from None
        if ditulis != menit:
            raise KonfigurasiSalah(
                f"MENIT_PER_HARI ({ditulis}) tidak sama dengan hari kerja terpanjang JAM_KERJA \"{jam_kerja}\" "
                f"({menit} menit); kosongkan MENIT_PER_HARI atau samakan keduanya.")
    return Settings(
        database_url=str(get("DATABASE_URL", DEFAULT_DB)),
        secret_key=str(secret),
        env=env,
        menit_per_hari=menit,
        upload_dir=Path(get("UPLOAD_DIR", INSTANCE / "unggahan")),
        jam_kerja=jam_kerja,
    )
