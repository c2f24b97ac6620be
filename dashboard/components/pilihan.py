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


def pilihan_kantor_pegawai(session, lingkup: list[int] | None, cari: object = None) -> list[dict]:
    """The offices Impor Pegawai offers: a kabupaten's all, the admin's the first ones the words typed find (every
    office of the country is too long a list to send)."""
    from models.akun.kantor import MAKS_PILIHAN, cari_kantor

    batas = MAKS_PILIHAN if lingkup is None else max(1, len(lingkup))
    return [{"label": label, "value": i} for i, label in cari_kantor(session, lingkup=lingkup, cari=cari, batas=batas)]
