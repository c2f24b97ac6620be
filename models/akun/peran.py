"""Canonical roles of a kecamatan office and the labels the SOP tables print for them.

Offices write the same function many ways ("Sekretaris", "Sekcam", "Sekretaris Camat"); the product keeps one
role per function. This module is the source of the defaults; the database copies them into Role and RoleAlias
so an admin can add labels an office brings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PeranBaku:
    kode: str
    nama: str
    urutan: int
    di_sop: bool = True  # False for roles that never act in an SOP step (kabupaten readers, admin)
    dinamis: bool = False  # "Kasi terkait": resolved per indicator or recommendation


PERAN: tuple[PeranBaku, ...] = (
    PeranBaku("camat", "Camat", 1),
    PeranBaku("sekcam", "Sekretaris Camat", 2),
    PeranBaku("kasubag_evapor", "Kasubag Evapor", 3),
    PeranBaku("kasubag_umum", "Kasubag Umum", 4),
    PeranBaku("kasubag_renkeu", "Kasubag Perencanaan dan Keuangan", 5),
    PeranBaku("analis_perencanaan", "Analis Perencanaan", 6),
    PeranBaku("kasi_pem", "Kasi Pemerintahan", 7),
    PeranBaku("kasi_ekbang", "Kasi Ekonomi dan Pembangunan", 8),
    PeranBaku("kasi_trantib", "Kasi Ketentraman dan Ketertiban", 9),
    PeranBaku("kasi_terkait", "Kasi terkait", 10, dinamis=True),
    PeranBaku("tim", "Tim Akuntabilitas Kinerja", 11),
    PeranBaku("staf", "Staf", 12),
    PeranBaku("kabupaten", "Kabupaten", 20, di_sop=False),
    PeranBaku("admin", "Admin", 21, di_sop=False),
    PeranBaku("evaluator", "Evaluator Inspektorat", 22, di_sop=False),  # the kabupaten's Evaluasi AKIP team
)
NAMA_PERAN = {p.kode: p.nama for p in PERAN}  # the name a page prints for a role code

# Labels as printed in the documents, and common spellings offices use.
ALIAS_BAKU: dict[str, str] = {
    "Camat": "camat",
    "Sekretaris": "sekcam",
    "Sekcam": "sekcam",
    "Sekretaris Camat": "sekcam",
    "Sekretaris Kecamatan": "sekcam",
    "Sekretariat": "sekcam",
    "Sub. Evapor": "kasubag_evapor",
    "Kasubag Evapor": "kasubag_evapor",
    "Kasubag Evaluasi dan Pelaporan": "kasubag_evapor",
    "Evapor": "kasubag_evapor",
    "Sub. Umum": "kasubag_umum",
    "Kasubag Umum": "kasubag_umum",
    "Kasubag Umum dan Kepegawaian": "kasubag_umum",
    "Kasubag Perencanaan dan Keuangan": "kasubag_renkeu",
    "Kasubag Keuangan": "kasubag_renkeu",
    "Analis Perencanaan": "analis_perencanaan",
    "Analisis Perencanaan": "analis_perencanaan",
    "Kasi Pem": "kasi_pem",
    "Kasi Pemerintahan": "kasi_pem",
    "Kasi Ekbang": "kasi_ekbang",
    "Kasi Ekonomi dan Pembangunan": "kasi_ekbang",
    "Kasi Trantib": "kasi_trantib",
    "Kasi Ketentraman dan Ketertiban": "kasi_trantib",
    "Kasi terkait": "kasi_terkait",
    "Kasi yang membidangi": "kasi_terkait",
    "Seksi-Seksi Lain": "kasi_terkait",
    "Tim": "tim",
    "Tim Akuntabilitas Kinerja": "tim",
    "Tim AKIP": "tim",
    "Staf": "staf",
    "Staff": "staf",
}


def kunci_label(label: str) -> str:
    """The form a printed role label is compared in: lower case, no punctuation, one spelling of "Kasubag".

    >>> kunci_label("Sub. Evapor"), kunci_label("Ka. Subbag Umum dan Kepegawaian")
    ('kasubag evapor', 'kasubag umum dan kepegawaian')
    >>> kunci_label("Kasubbag Perencanaan, dan Keuangan")
    'kasubag perencanaan dan keuangan'
    """
    teks = re.sub(r"[^\w\s-]", " ", label.lower())
    teks = " ".join(teks.split())
    teks = re.sub(r"^(ka )?sub+ag\b|^sub\b", "kasubag", teks)
    teks = re.sub(r"^kasub+ag\b", "kasubag", teks)
    return teks


ALIAS_PER_KUNCI: dict[str, str] = {kunci_label(label): kode for label, kode in ALIAS_BAKU.items()}


# Roles of a kecamatan office (users of one kecamatan), and who may touch a quarter's figures.
PERAN_KANTOR = frozenset(p.kode for p in PERAN if p.di_sop and not p.dinamis)
KASI = frozenset({"kasi_pem", "kasi_ekbang", "kasi_trantib"})  # the section heads; "Kasi terkait" is one of them
PENGISI_REALISASI = KASI | {"kasubag_evapor", "kasubag_renkeu", "camat"}
PENGATUR_TARGET = frozenset({"kasubag_evapor", "kasubag_renkeu", "camat"})
PENGATUR_PENGUMPUL = PENGATUR_TARGET  # who chooses an office's collection SOP per indicator
PENETAP_RENSTRA = frozenset({"camat"})  # the Renstra (the office's five-year plan) and its end-of-period targets
# Enter and submit the figure of every IKU (besides the Kasi a collection SOP's first step names), and may stand in
# on a figure's entry steps: the office's performance keeper, Evapor in Malang, Perencanaan dan Keuangan elsewhere.
PENGISI_SEMUA_IKU = frozenset({"kasubag_evapor", "kasubag_renkeu"})
# Kabupaten-level users (a kabupaten, no kecamatan): they read every office of their kabupaten; the evaluator also
# writes the evaluator's column, desk review and final of the Evaluasi AKIP (models.tindak_lanjut.evaluasi_akip).
TINGKAT_KABUPATEN = frozenset({"kabupaten", "evaluator"})
# Who keeps an office's DPA (budget and its realisation): the office's leadership and its secretariat.
PENGELOLA_ANGGARAN = frozenset({"camat", "sekcam", "kasubag_renkeu", "kasubag_umum", "kasubag_evapor"})
