"""What a new database starts with: the seed SOP documents, the curated pelaksana assignment, the demo."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from models.sop.pelaksana import LangkahKurasi, muat_kurasi
from models.umum.pdf import LembarPdf

SEED = Path(__file__).resolve().parent
DOKUMEN = SEED / "dokumen"
DOKUMEN_DEMO = SEED / "dokumen_demo"  # procedures the demo adds in the seed format (not the five documents)


def dokumen_seed() -> list[Path]:
    """The five seed documents, in their order 000 to 004."""
    return sorted(DOKUMEN.glob("*.txt"))


def dokumen_demo() -> list[Path]:
    """The demo's own procedures in the same text format (Penyusunan Perjanjian Kinerja of two offices)."""
    return sorted(DOKUMEN_DEMO.glob("*.txt"))


@lru_cache(maxsize=1)
def kurasi_pelaksana() -> dict[tuple[str, str], list[LangkahKurasi]]:
    return muat_kurasi(SEED / "pelaksana.toml")


def iku_awal() -> list[dict]:
    """The seed offices' IKU definitions (seed/iku.toml)."""
    import tomllib

    return tomllib.loads((SEED / "iku.toml").read_text(encoding="utf-8"))["iku"]


@lru_cache(maxsize=2)
def scan_contoh(dokumen: str) -> bytes:
    """A one-page PDF standing in for a signed document's scan (a PK, an LKj), clearly marked as demo data."""
    pdf = LembarPdf(f"Contoh scan {dokumen} (data demo)", tegak=True)
    pdf.add_page()
    pdf.set_font("dejavu", "B", 16)
    pdf.multi_cell(0, 10, "CONTOH DATA DEMO\nbukan dokumen asli", align="C")
    pdf.set_font("dejavu", size=11)
    pdf.ln(6)
    pdf.multi_cell(0, 6, f"Berkas ini dibuat oleh perintah demo generate sebagai pengganti scan {dokumen} yang "
                         f"ditandatangani. Naskahnya dapat diunduh dari halaman {dokumen} (PDF dan Word).",
                   align="C")
    return bytes(pdf.output())
