"""Who carries out an SOP step: a suggestion read from the step's text, and the curated assignment file.

The Word-to-text conversion lost the flowchart marks that said which pelaksana column a step belongs to.
The importer suggests one from the wording ("Sekcam melaporkan kepada Camat", "oleh Kasubag Evapor",
"Menandatangani" by the Camat); seed/pelaksana.toml holds the assignment decided by reading every seed step.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from models.akun.peran import KASI, kunci_label
from models.sop.dokumen import kunci_nama


@dataclass(frozen=True)
class LangkahKurasi:
    no: str
    pelaksana: tuple[str, ...]
    keputusan: bool | None
    kembali_ke: int | None


# (pattern on the lower-cased kegiatan, role code); the first that names a column of the SOP wins.
_POLA: tuple[tuple[str, str], ...] = (
    (r"\boleh\s+(kasubag|kasubbag|sub\.?)\s+evapor\b", "kasubag_evapor"),
    (r"\boleh\s+(pimpinan|camat)\b", "camat"),
    (r"\boleh\s+(sekretaris|sekcam)\b", "sekcam"),
    (r"\boleh\s+tim\b", "tim"),
    (r"^(tim)\b", "tim"),
    (r"^(sekcam|sekretaris)\b", "sekcam"),
    (r"^camat\b", "camat"),
    (r"^kasi\b", "kasi_terkait"),
    (r"\bmenandatangani\b", "camat"),
    (r"\bpersetujuan\b", "camat"),
    (r"\bmemberi(kan)?\s+arahan|\bdisposisi\b", "camat"),
    (r"\bmemberi\s+paraf\b|\bmemaraf\b", "sekcam"),
    (r"\bpengetikan\b|\bmengetik\b|\bmengagenda", "staf"),
    (r"\bmenyiapkan\s+bahan", "kasi_terkait"),
    (r"\bmenyampaikan\s+hasil\s+data\s+awal\b", "kasi_terkait"),
    (r"\banalisa\b|\bmenganalisa\b|\bmenyimpan\b|\bdisimpan\b", "kasubag_evapor"),
    (r"\bmenyusun\b|\bmengumpulkan\s+bahan\b", "tim"),
    (r"\bmemerintahkan\b", "camat"),
)
_KASI = KASI | {"kasi_terkait"}


def urutan_tanda(tanda: list[str], kolom: list[str], sebelumnya: list[str] | None) -> list[str]:
    """The order the work passes through a step's marked columns: a flowchart's arrow comes in from the previous
    step, so the column nearest to where the work was goes first (the Sekretaris, beside the Kasubag, before the
    Camat); the first step keeps the columns' order.

    >>> urutan_tanda(["Camat", "Sekretaris"], ["Camat", "Sekretaris", "Kasi", "Evapor"], ["Evapor"])
    ['Sekretaris', 'Camat']
    """
    if len(tanda) < 2 or not sebelumnya:
        return list(tanda)
    asal = kolom.index(sebelumnya[-1])
    return sorted(tanda, key=lambda label: (abs(kolom.index(label) - asal), kolom.index(label)))


def sarankan_pelaksana(kegiatan: str, kolom: dict[str, str]) -> list[str]:
    """Column labels suggested for a step, from its wording; `kolom` maps each printed label to its role.

    >>> sarankan_pelaksana("Sekcam melaporkan kepada Camat", {"Camat": "camat", "Sekretaris": "sekcam"})
    ['Sekretaris']
    >>> sarankan_pelaksana("Menyiapkan bahan-bahan", {"Camat": "camat", "Kasi Ekbang": "kasi_ekbang"})
    ['Kasi Ekbang']
    """
    teks = " ".join(kegiatan.lower().split())
    for pola, kode in _POLA:
        if not re.search(pola, teks):
            continue
        if kode == "kasi_terkait":
            cocok = [label for label, k in kolom.items() if k in _KASI]
        else:
            cocok = [label for label, k in kolom.items() if k == kode]
        if cocok:
            return cocok[:1]
    return []


def kembali_ke_disarankan(urutan: int, kegiatan: str, aktor_sebelumnya: list[list[str]],
                          kolom: dict[str, str]) -> int | None:
    """For a decision step: the latest earlier step done by the role its "jika tidak … kepada X" names,
    else the step just before it."""
    if urutan <= 1:
        return None
    m = re.search(r"(jika|apabila)\s+tidak.*?kepada\s+([\w. ]+?)\s+untuk", kegiatan.lower())
    if m:
        sasaran = kunci_label(m.group(2))
        for u in range(urutan - 1, 0, -1):
            for label in aktor_sebelumnya[u - 1]:
                if kunci_label(label).startswith(sasaran) or kunci_label(kolom.get(label, "")) == sasaran:
                    return u
    return urutan - 1


def muat_kurasi(path: Path) -> dict[tuple[str, str], list[LangkahKurasi]]:
    """The curated assignment, keyed by (kecamatan, kunci_nama of the SOP name)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    hasil: dict[tuple[str, str], list[LangkahKurasi]] = {}
    for sop in data.get("sop", []):
        hasil[(sop["kecamatan"].lower(), kunci_nama(sop["nama"]))] = [
            LangkahKurasi(
                no=str(lk["no"]),
                pelaksana=tuple(lk.get("pelaksana", [])),
                keputusan=lk.get("keputusan"),
                kembali_ke=lk.get("kembali_ke"),
            )
            for lk in sop["langkah"]
        ]
    return hasil
