"""Configuration from the environment, with the embedded defaults (SQLite under instance/)."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    sesi_menganggur_menit: int = 60  # a session ends after this long without a request
    sesi_maks_jam: int = 10  # and this long after its login, whatever happens in between
    # The largest request body the server reads. Uploads travel base64-encoded (4/3 of their size) inside a
    # callback: the largest the pages take, a Word SOP of 8 MB (models.sop.docx_baca.MAKS_DOCX), is 10.7 MB so, and
    # must reach the server to be read or refused in words; anything bigger is not read at all.
    maks_permintaan: int = 12 * 1024 * 1024
    # Reverse proxies in front of the app whose X-Forwarded-For is trusted (0: none); the login limits count the
    # address a request came from, which behind a proxy is only known through it.
    jumlah_proxy: int = 0
    log_permintaan: bool = False  # one JSON line per request on the "sakip.permintaan" logger (LOG_PERMINTAAN=1)
    # The read-only views' shared cache (models.umum.tembolok): TEMBOLOK=0 runs every view every time; an answer is
    # served at most TEMBOLOK_DETIK seconds after it was computed.
    tembolok: bool = True
    tembolok_detik: int = 600

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


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Settings from the environment (APP_ENV, DATABASE_URL, SECRET_KEY, MENIT_PER_HARI, UPLOAD_DIR, JAM_KERJA,
    SESI_MENGANGGUR_MENIT, SESI_MAKS_JAM, JUMLAH_PROXY, LOG_PERMINTAAN, TEMBOLOK, TEMBOLOK_DETIK)."""
    o = {k.upper(): v for k, v in (overrides or {}).items()}

    def get(k: str, d: Any = None) -> Any:
        return o.get(k, os.environ.get(k, d))

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
    def bulat(nama: str, baku: int, *, boleh_nol: bool = False) -> int:
        try:
            nilai = int(get(nama) or baku)
        except ValueError:
            raise KonfigurasiSalah(f"{nama} harus bilangan bulat.") from None
        if nilai < 0 or (nilai == 0 and not boleh_nol):
            raise KonfigurasiSalah(f"{nama} harus lebih dari 0." if not boleh_nol else f"{nama} tidak boleh negatif.")
        return nilai

    return Settings(
        sesi_menganggur_menit=bulat("SESI_MENGANGGUR_MENIT", 60),
        sesi_maks_jam=bulat("SESI_MAKS_JAM", 10),
        jumlah_proxy=bulat("JUMLAH_PROXY", 0, boleh_nol=True),
        log_permintaan=str(get("LOG_PERMINTAAN", "0")).strip().lower() in ("1", "ya", "true", "yes"),
        tembolok=str(get("TEMBOLOK", "1")).strip().lower() not in ("0", "tidak", "false", "no"),
        tembolok_detik=bulat("TEMBOLOK_DETIK", 600),
        database_url=str(get("DATABASE_URL", DEFAULT_DB)),
        secret_key=str(secret),
        env=env,
        menit_per_hari=menit,
        upload_dir=Path(get("UPLOAD_DIR", INSTANCE / "unggahan")),
        jam_kerja=jam_kerja,
    )
