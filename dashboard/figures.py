"""Data to plotly figures: no database, no callbacks. Numbers print the Indonesian way (separators ",.")."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.format import angka
from models.durasi import format_menit
from models.metrics import ROMAWI, Predikat

FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=12)
RESMI = "#0b5394"
SEMENTARA = "#7f8c8d"


def _dasar(fig: go.Figure, tinggi: int) -> go.Figure:
    fig.update_layout(separators=",.", font=FONT, height=tinggi, margin=dict(l=10, r=10, t=30, b=10),
                      plot_bgcolor="white", paper_bgcolor="white",
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0))
    return fig


def kosong(pesan: str, tinggi: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=pesan, showarrow=False, font=dict(size=14, color="#6c757d"), xref="paper", yref="paper",
                       x=0.5, y=0.5)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _dasar(fig, tinggi)


def _pita(fig: go.Figure, pita: tuple[Predikat, ...], atas: float, baris: int | None = None) -> None:
    """The bands drawn behind capaian, each named at the right edge."""
    posisi = dict(row=baris, col=1) if baris else {}
    sumbu = f"{baris}" if baris and baris > 1 else ""
    for i, p in enumerate(pita):
        bawah = p.di_atas if p.di_atas is not None else 0
        puncak = pita[i - 1].di_atas if i > 0 else atas
        fig.add_hrect(y0=bawah, y1=puncak, fillcolor=p.warna, opacity=0.10, line_width=0, layer="below", **posisi)
        fig.add_annotation(text=p.nama, x=1, xref=f"x{sumbu} domain", y=(bawah + puncak) / 2, yref=f"y{sumbu}",
                           showarrow=False, xanchor="right", font=dict(size=10, color=p.warna))


def grafik_capaian(df: pd.DataFrame, pita: tuple[Predikat, ...], proyeksi: tuple[int, float | None] | None,
                   judul: str, satuan: str) -> go.Figure:
    """One indicator over the quarters: realisasi against the target above, capaian with its bands below.
    Official capaian are solid, provisional ones hollow and dashed; the projection is a separate, labelled mark.
    Each point carries its figure's id (customdata) so a click can open its records."""
    label = [f"TW {ROMAWI[t]} {th}" for th, t in zip(df["tahun"], df["triwulan"])]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.38, 0.62], vertical_spacing=0.08,
                        subplot_titles=(f"Realisasi s.d. triwulan dan target tahun ({satuan})", "Capaian (%)"))
    ids = df["realisasi_id"].astype("Int64").astype(object).where(df["realisasi_id"].notna(), None).tolist()
    fig.add_bar(x=label, y=df["realisasi_gabungan"], name="Realisasi", marker_color="#9fc5e8", row=1, col=1,
                customdata=ids, hovertemplate="%{x}<br>Realisasi %{y:,.2f}<extra></extra>")
    fig.add_scatter(x=label, y=df["target"], name="Target tahun", mode="lines", line=dict(color="#444", shape="hv",
                    dash="dot"), row=1, col=1, hovertemplate="%{x}<br>Target %{y:,.2f}<extra></extra>")
    nilai = pd.concat([df["capaian_resmi"], df["capaian_sementara"]]).dropna()
    atas = max(110.0, float(nilai.max()) + 10 if len(nilai) else 110.0)
    _pita(fig, pita, atas, baris=2)
    resmi = df["capaian_resmi"]
    sementara = df["capaian_sementara"].where(df["capaian_resmi"].isna())
    fig.add_scatter(x=label, y=df["capaian_sementara"], mode="lines", line=dict(color=SEMENTARA, dash="dot", width=1),
                    showlegend=False, hoverinfo="skip", row=2, col=1)
    fig.add_scatter(x=label, y=resmi, name="Capaian resmi", mode="lines+markers", customdata=ids,
                    line=dict(color=RESMI, width=2), marker=dict(size=9, color=RESMI), row=2, col=1,
                    hovertemplate="%{x}<br>Capaian resmi %{y:,.2f}%<extra></extra>")
    fig.add_scatter(x=label, y=sementara, name="Capaian sementara (belum disahkan)", mode="markers", customdata=ids,
                    marker=dict(size=10, color="white", line=dict(color=SEMENTARA, width=2), symbol="circle-open"),
                    row=2, col=1, hovertemplate="%{x}<br>Capaian sementara %{y:,.2f}%<extra></extra>")
    if proyeksi and proyeksi[1] is not None:
        th, persen = proyeksi
        x = f"Proyeksi {th}"
        fig.add_scatter(x=[x], y=[persen], name=f"Proyeksi akhir tahun {th}", mode="markers+text",
                        marker=dict(size=12, symbol="diamond-open", color="#8e44ad", line=dict(width=2)),
                        text=[f"{angka(persen, 2)}%"], textposition="top center", row=2, col=1,
                        hovertemplate=f"Proyeksi akhir tahun {th}: %{{y:,.2f}}%<br>dari rata-rata triwulan yang sudah "
                                      "ada<extra></extra>")
    fig.update_yaxes(range=[0, atas], row=2, col=1, ticksuffix="%", gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee", row=1, col=1)
    fig.update_layout(title=dict(text=judul, x=0, font=dict(size=14)))
    return _dasar(fig, 470)


def grafik_perbandingan(df: pd.DataFrame, judul: str) -> go.Figure:
    """Offices side by side for one indicator: capaian bars in band colours, provisional ones lighter."""
    df = df.dropna(subset=["capaian"]).sort_values("capaian")
    if df.empty:
        return kosong("Belum ada capaian untuk periode ini.")
    fig = go.Figure(go.Bar(
        x=df["capaian"], y=df["kecamatan"], orientation="h", customdata=df["kecamatan"],
        marker=dict(color=df["warna"].fillna("#adb5bd"), opacity=[1 if r else 0.45 for r in df["resmi"]],
                    pattern=dict(shape=["" if r else "/" for r in df["resmi"]])),
        text=[f"{angka(c, 2)}%{'' if r else ' (sementara)'}" for c, r in zip(df["capaian"], df["resmi"])],
        textposition="outside", hovertemplate="%{y}: %{x:,.2f}%<extra></extra>"))
    fig.update_xaxes(ticksuffix="%", gridcolor="#eee", range=[0, max(110.0, float(df["capaian"].max()) * 1.15)])
    fig.update_layout(title=dict(text=judul, x=0, font=dict(size=14)), showlegend=False)
    return _dasar(fig, max(260, 22 * len(df) + 80))


def grafik_siklus(langkah: list) -> go.Figure:
    """Per step: median working time (waiting and processing stacked), the 80th percentile, and the mutu baku."""
    if not any(s.n for s in langkah):
        return kosong("Belum ada langkah yang selesai pada periode ini.")
    x = [f"{s.no}. {s.kegiatan[:38]}{'…' if len(s.kegiatan) > 38 else ''}" for s in langkah]
    jam = lambda m: None if m is None else m / 60  # noqa: E731
    fig = go.Figure()
    fig.add_bar(x=x, y=[jam(s.tunggu) for s in langkah], name="Median tunggu", marker_color="#f6b26b",
                hovertemplate="%{x}<br>Tunggu %{y:,.1f} jam kerja<extra></extra>")
    fig.add_bar(x=x, y=[jam(s.proses) for s in langkah], name="Median proses",
                marker=dict(color=["#cc0000" if s.hambatan else "#6fa8dc" for s in langkah]),
                hovertemplate="%{x}<br>Proses %{y:,.1f} jam kerja<extra></extra>")
    fig.add_scatter(x=x, y=[jam(s.p80) for s in langkah], name="Persentil 80", mode="markers",
                    marker=dict(symbol="line-ew-open", size=28, color="#333", line=dict(width=2)),
                    hovertemplate="%{x}<br>Persentil 80: %{y:,.1f} jam kerja<extra></extra>")
    fig.add_scatter(x=x, y=[jam(s.mutu_baku) for s in langkah], name="Mutu baku", mode="markers",
                    marker=dict(symbol="line-ew", size=30, color="#38761d", line=dict(width=3, color="#38761d")),
                    customdata=[format_menit(s.mutu_baku) for s in langkah],
                    hovertemplate="%{x}<br>Mutu baku %{customdata}<extra></extra>")
    for i, s in enumerate(langkah):
        if s.hambatan:
            fig.add_annotation(x=x[i], y=jam(max(s.p80 or 0, s.median or 0, s.mutu_baku)), text="Hambatan",
                               showarrow=True, arrowhead=2, ay=-30, font=dict(color="#cc0000"))
    fig.update_layout(barmode="stack", yaxis_title="jam kerja")
    fig.update_yaxes(gridcolor="#eee")
    return _dasar(fig, 420)


def grafik_garis_waktu(df: pd.DataFrame, zona_waktu, judul: str) -> go.Figure:
    """One execution: each record as a bar on the working-time axis (hours since the execution started), waiting
    part light; hover shows the calendar dates."""
    if df.empty:
        return kosong("Pilih satu pelaksanaan.")
    awal = df["posisi_terima"].min()
    y = [f"{r.no} · {r.peran}" + (f" (ke-{r.percobaan})" if r.percobaan > 1 else "") for r in df.itertuples()]
    fig = go.Figure()
    fig.add_bar(y=y, x=(df["posisi_mulai"] - df["posisi_terima"]) / 60, base=(df["posisi_terima"] - awal) / 60,
                orientation="h", name="Tunggu", marker_color="#f6d7a7", hoverinfo="skip")
    warna = ["#e06666" if h == "dikembalikan" else ("#6fa8dc" if pd.notna(s) else "#b7b7b7")
             for h, s in zip(df["hasil"], df["selesai_pada"])]
    fig.add_bar(y=y, x=(df["posisi_selesai"] - df["posisi_mulai"]) / 60, base=(df["posisi_mulai"] - awal) / 60,
                orientation="h", name="Proses", marker_color=warna, customdata=df["keterangan"],
                hovertemplate="%{y}<br>%{customdata}<extra></extra>")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="jam kerja sejak dimulai", gridcolor="#eee")
    fig.update_layout(barmode="overlay", title=dict(text=judul, x=0, font=dict(size=14)))
    return _dasar(fig, max(240, 30 * len(df) + 100))


def grafik_per_peran(df: pd.DataFrame) -> go.Figure:
    """Open steps per role: approvals and other steps stacked, overdue count in the label."""
    if df.empty:
        return kosong("Tidak ada langkah yang menunggu.")
    df = df.sort_values("jumlah")
    fig = go.Figure()
    fig.add_bar(y=df["peran"], x=df["persetujuan"], orientation="h", name="Persetujuan", marker_color="#0b5394",
                hovertemplate="%{y}: %{x} persetujuan<extra></extra>")
    fig.add_bar(y=df["peran"], x=df["langkah_lain"], orientation="h", name="Langkah lain", marker_color="#9fc5e8",
                text=[f"{t} lewat mutu baku" if t else "" for t in df["terlambat"]], textposition="outside",
                hovertemplate="%{y}: %{x} langkah lain<extra></extra>")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(gridcolor="#eee", title="langkah menunggu", dtick=1 if df["jumlah"].max() <= 10 else None)
    return _dasar(fig, max(220, 34 * len(df) + 90))
