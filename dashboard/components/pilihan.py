"""The dropdown every page uses, with its own words in Indonesian (dcc.Dropdown's defaults are English)."""
from __future__ import annotations

from dash import dcc

LABEL = {"select_all": "Pilih semua", "deselect_all": "Batalkan semua", "selected_count": "{num_selected} dipilih",
         "search": "Cari", "clear_search": "Hapus pencarian", "clear_selection": "Hapus pilihan",
         "no_options_found": "Tidak ada pilihan yang cocok"}


def dropdown(**kwargs) -> dcc.Dropdown:
    """dcc.Dropdown with Indonesian labels and placeholder."""
    kwargs.setdefault("placeholder", "Pilih…")
    return dcc.Dropdown(labels=LABEL, **kwargs)
