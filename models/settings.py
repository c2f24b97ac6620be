"""Configuration from the environment, with the embedded defaults (SQLite under instance/)."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

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
    menit_per_hari: int
    upload_dir: Path
    jam_kerja: str  # office hours of the work calendar, e.g. "Sen-Jum 08:00-16:00" (models.kalender)

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


def jam_kerja_lingkungan() -> str:
    """JAM_KERJA from the environment, else the standard hours: the work calendar's default outside the app."""
    from models.kalender import JAM_KERJA_BAKU

    return os.environ.get("JAM_KERJA") or JAM_KERJA_BAKU


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
    try:
        menit = int(get("MENIT_PER_HARI", 480))
    except ValueError:
        raise KonfigurasiSalah("MENIT_PER_HARI harus bilangan bulat menit kerja per hari.") from None
    from models.kalender import JAM_KERJA_BAKU, baca_jam_kerja

    jam_kerja = str(get("JAM_KERJA") or JAM_KERJA_BAKU)
    try:
        baca_jam_kerja(jam_kerja)
    except ValueError as e:
        raise KonfigurasiSalah(f"JAM_KERJA salah. {e}") from None
    return Settings(
        database_url=str(get("DATABASE_URL", DEFAULT_DB)),
        secret_key=str(secret),
        env=env,
        menit_per_hari=menit,
        upload_dir=Path(get("UPLOAD_DIR", INSTANCE / "unggahan")),
        jam_kerja=jam_kerja,
    )
