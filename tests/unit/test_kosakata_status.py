"""One vocabulary of states: pages and callbacks compare members of models.umum.status, never a state's string, and
no module outside models.umum.mesin_status writes a status column."""
from __future__ import annotations

import ast
from pathlib import Path

from models.umum.status import (
    JenisKerja,
    KeadaanCapaian,
    KeadaanKewajiban,
    KeadaanLangkah,
    KeputusanTindakLanjut,
    StatusEksekusi,
    StatusRealisasi,
    StatusRekomendasi,
)

AKAR = Path(__file__).resolve().parents[2]
NILAI_STATUS = {str(m) for e in (KeadaanCapaian, KeadaanKewajiban, KeadaanLangkah, KeputusanTindakLanjut,
                                 StatusEksekusi, StatusRealisasi, StatusRekomendasi) for m in e}
JENIS = {str(j) for j in JenisKerja}  # a kind's name, flagged where it is compared with a run's subjek_jenis


def _berkas(*folder: str) -> list[Path]:
    return sorted(p for f in folder for p in (AKAR / f).rglob("*.py"))


def _teks_status(node: ast.AST) -> list[str]:
    """The state strings a comparison operand spells out (a literal, or a tuple/list/set of literals)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in NILAI_STATUS:
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [x for e in node.elts for x in _teks_status(e)]
    return []


def pembanding_status(sumber: str) -> list[tuple[int, str]]:
    """(line, text) of each comparison with a state's string, and each dict keyed by one (a second vocabulary).

    >>> pembanding_status('if r.status == "resmi": pass')
    [(1, 'resmi')]
    >>> pembanding_status('x = {"draf": "secondary"}'), pembanding_status('if r.status == StatusRealisasi.RESMI: pass')
    ([(1, 'draf')], [])
    >>> pembanding_status('if e.subjek_jenis != "realisasi": pass'), pembanding_status('if k.dasar == "realisasi": 0')
    ([(1, 'realisasi')], [])
    """
    hasil = []
    for node in ast.walk(ast.parse(sumber)):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                hasil += [(node.lineno, t) for t in _teks_status(operand)]
            if "subjek_jenis" in ast.unparse(node):
                hasil += [(node.lineno, o.value) for o in (node.left, *node.comparators)
                          if isinstance(o, ast.Constant) and o.value in JENIS]
        elif isinstance(node, ast.Dict):
            hasil += [(node.lineno, t) for k in node.keys if k is not None for t in _teks_status(k)]
    return hasil


def test_no_page_or_callback_compares_a_value_with_a_states_string():
    temuan = [f"{p.relative_to(AKAR)}:{baris} {teks!r}" for p in _berkas("dashboard", "callbacks")
              for baris, teks in pembanding_status(p.read_text())]
    assert temuan == []


def penulis_status(sumber: str) -> list[int]:
    """Lines that write a status column directly: `x.status = …`, `x.hasil = …`, or `.values(status=…)`.

    >>> penulis_status('r.status = "resmi"'), penulis_status('q.values(status=ke)'), penulis_status('s = r.status')
    ([1], [1], [])
    """
    baris = []
    for node in ast.walk(ast.parse(sumber)):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            sasaran = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr in ("status", "hasil") for t in sasaran):
                baris.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "values":
            if any(k.arg in ("status", "hasil") for k in node.keywords):
                baris.append(node.lineno)
    return baris


def test_a_status_changes_only_through_its_machine():
    """Every status and step result is written by models.umum.mesin_status.tulis, after its machine allowed it."""
    temuan = [f"{p.relative_to(AKAR)}:{n}" for p in _berkas("models", "dashboard", "callbacks", "seed")
              if p.name != "mesin_status.py" for n in penulis_status(p.read_text())]
    assert temuan == []


def test_every_state_has_a_label_and_a_colour():
    for jenis in (KeadaanCapaian, KeadaanKewajiban, KeadaanLangkah, KeputusanTindakLanjut, StatusEksekusi,
                  StatusRealisasi, StatusRekomendasi):
        for m in jenis:
            assert m.label and m.label[0].isupper(), m
            assert m.hex.startswith("#"), m


def test_reopened_and_returned_figures_are_named_as_isi_realisasi_names_them():
    """Beranda, Perbandingan and the exports read KeadaanCapaian; Isi Realisasi reads StatusRealisasi: same words."""
    for s in (StatusRealisasi.DIBUKA, StatusRealisasi.DIKEMBALIKAN, StatusRealisasi.DIAJUKAN, StatusRealisasi.DRAF):
        assert KeadaanCapaian(str(s)).label == s.label
    assert StatusRealisasi.DIBUKA.label == "Dibuka kembali"
    assert StatusRealisasi.DIKEMBALIKAN.label == "Dikembalikan untuk perbaikan"
