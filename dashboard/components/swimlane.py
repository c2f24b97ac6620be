"""Swimlane flowchart of one SOP as SVG text (symbols of PermenPAN-RB 35/2012).

Top to bottom, one lane (column) per pelaksana, one row per step. Pure
standard library: the result is a plain string that can be embedded inline
or served as an ``image/svg+xml`` document.
"""

import textwrap
from xml.sax.saxutils import escape

__all__ = ["swimlane_svg"]

HEADER_H = 42  # grey header band with the lane titles
TOP_PAD = 18
GAP = 48  # vertical space between rows (arrows, "Ya" and waktu labels live here)
CAP_H = 32  # terminator capsule height
BOX_H = 72  # process rectangle height
STROKE, RED, GREEN = "#333", "#c62828", "#2e7d32"
FILLS = {"proses": "#fff", "keputusan": "#fff8e1", "terminator": "#e8f5e9"}
LANE_FILLS = ("#fbfbfb", "#f3f5f7")
_CTRL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _x(value) -> str:
    """Escape for XML text and attribute values; drop characters XML forbids."""
    return escape(str(value).translate(_CTRL), {'"': "&quot;"})


def _n(v: float) -> str:
    """Deterministic compact number: one decimal, no trailing '.0', no '-0'."""
    s = f"{round(v, 1) + 0.0:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _wrap(text: str, chars: int, lines: int) -> list[str]:
    text = " ".join(str(text).translate(_CTRL).split())
    return textwrap.wrap(text, chars, max_lines=lines, placeholder="…") or [""]


def _validate(lanes: list[str], steps: list[dict]) -> list[dict]:
    """Normalise the steps; raise ValueError (Indonesian) on inconsistent data."""
    steps = sorted(steps, key=lambda s: int(s["urutan"]))
    order = [int(s["urutan"]) for s in steps]
    if len(set(order)) != len(order):
        raise ValueError("nomor urutan langkah SOP tidak boleh ganda")
    out = []
    for i, raw in enumerate(steps):
        u = order[i]
        names: list[str] = []
        for p in raw.get("pelaksana") or []:
            if p not in lanes:
                raise ValueError(f'pelaksana "{p}" tidak ada di kolom SOP')
            if p not in names:
                names.append(p)
        if len(names) > 2:
            raise ValueError(f"langkah {u} memiliki lebih dari 2 pelaksana")
        back = raw.get("kembali_ke")
        if back is not None:
            back = int(back)
            if back not in order:
                raise ValueError(f"kembali_ke {back} pada langkah {u} tidak ada di SOP")
            if order.index(back) >= i:
                raise ValueError(
                    f"kembali_ke {back} pada langkah {u} harus menunjuk ke langkah sebelumnya")
        out.append({"u": u, "no": str(raw.get("no") or u), "text": str(raw.get("kegiatan") or ""),
                    "names": names, "dec": bool(raw.get("keputusan")), "back": back,
                    "waktu": str(raw.get("waktu") or "")})
    return out


def _symbol_svg(s: dict, fs: int) -> str:
    """One symbol: <g class="simbol ..."> translated to its centre."""
    w, h, kind = s["w"], s["h"], s["kind"]
    lh = fs + 3
    dash = ' stroke-dasharray="5 3"' if s["dashed"] else ""
    paint = f'fill="{FILLS[kind]}" stroke="{STROKE}" stroke-width="1.3"{dash}'
    if kind == "keputusan":
        shape = f'<polygon points="0,{_n(-h / 2)} {_n(w / 2)},0 0,{_n(h / 2)} {_n(-w / 2)},0" {paint}/>'
    else:
        rx = h / 2 if kind == "terminator" else 4
        shape = (f'<rect x="{_n(-w / 2)}" y="{_n(-h / 2)}" width="{_n(w)}" height="{_n(h)}" '
                 f'rx="{_n(rx)}" {paint}/>')
    rows = s["rows"]
    top = -len(rows) * lh / 2
    spans = "".join(f'<tspan x="0" y="{_n(top + i * lh + lh * 0.72)}">{r}</tspan>'
                    for i, r in enumerate(rows))
    cls = f"simbol {kind}" + (" belum-ditetapkan" if s["dashed"] else "")
    parts = [f'<g class="{cls}" data-urutan="{_x(s["id"])}" data-no="{_x(s["no"])}" '
             f'data-lane="{_x(s["lane"])}" transform="translate({_n(s["cx"])},{_n(s["cy"])})">',
             f"<title>{_x(s['title'])}</title>", shape,
             f'<text text-anchor="middle" font-size="{fs}" fill="#222">{spans}</text>']
    if s.get("waktu"):
        wy = h / 2 - 4 if kind == "keputusan" else h / 2 + 13
        parts.append(f'<text class="waktu" x="{_n(-w / 2 + 2)}" y="{_n(wy)}" font-size="10.5" '
                     f'fill="#555">{_x(s["waktu"])}</text>')
    return "\n".join(parts) + "\n</g>"


def _arrow(points, cls: str, dari, ke, red: bool = False) -> str:
    d = " ".join(("M" if i == 0 else "L") + f"{_n(x)},{_n(y)}" for i, (x, y) in enumerate(points))
    colour, marker = (RED, "panah-ujung-tidak") if red else (STROKE, "panah-ujung")
    return (f'<path class="{cls}" data-dari="{dari}" data-ke="{ke}" d="{d}" fill="none" '
            f'stroke="{colour}" stroke-width="1.3" stroke-linejoin="round" '
            f'marker-end="url(#{marker})"/>')


def _label(x: float, y: float, text: str, colour: str, anchor: str, cls: str) -> str:
    # White halo keeps labels readable where they sit on top of a line.
    return (f'<text class="{cls}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="11" '
            f'font-weight="bold" fill="{colour}" stroke="#fff" stroke-width="3" '
            f'paint-order="stroke">{text}</text>')


def _side(s: dict, sign: int, dy: float = 0.0) -> tuple[float, float]:
    """Point on the left (-1) or right (+1) outline of a symbol, dy below its centre."""
    half = s["w"] / 2
    if s["kind"] == "keputusan":
        half *= 1 - abs(dy) / (s["h"] / 2)
    return s["cx"] + sign * half, s["cy"] + dy


def swimlane_svg(lanes: list[str], steps: list[dict], *, width: int = 1200) -> str:
    """SVG text of the flowchart."""
    lanes = [str(t) for t in lanes]
    if not lanes:
        raise ValueError("SOP harus memiliki minimal satu kolom pelaksana")
    if len(set(lanes)) != len(lanes):
        raise ValueError("judul kolom pelaksana SOP tidak boleh ganda")
    data = _validate(lanes, steps)
    n, W = len(lanes), width
    lw = W / n
    box_w = min(lw - 2 * max(16.0, lw * 0.09), 260.0)
    margin = (lw - box_w) / 2
    fs = 13 if box_w >= 180 else 12
    cw, lh = fs * 0.56, fs + 3  # generous average glyph width, line height
    chars = max(12, min(26, int((box_w - 20) / cw)))
    chars_d = max(8, int(box_w * 0.55 / cw))
    # Diamond tall enough that a (1 + 3)-line text block fits inside its outline.
    dia_h = round(4 * lh / (1 - chars_d * cw / box_w)) + 6
    cap_w = min(box_w, 120.0)

    def sym(kind, sid, li, cy, h, rows, title, w=box_w, no="", waktu="", dashed=False):
        return {"kind": kind, "id": sid, "no": no, "lane": lanes[li], "li": li,
                "cx": (li + 0.5) * lw, "cy": cy, "w": w, "h": h, "rows": rows,
                "title": title, "waktu": waktu, "dashed": dashed}

    y = HEADER_H + TOP_PAD
    first_li = lanes.index(data[0]["names"][0]) if data and data[0]["names"] else 0
    mulai = sym("terminator", "mulai", first_li, y + CAP_H / 2, CAP_H,
                ['<tspan font-weight="bold">Mulai</tspan>'], "Mulai", w=cap_w)
    y += CAP_H + GAP
    rows = []  # per step: (row top, [symbols])
    for st in data:
        idxs = [lanes.index(p) for p in st["names"]] or [0]
        kinds = ["keputusan" if st["dec"] and j == len(idxs) - 1 else "proses"
                 for j in range(len(idxs))]
        row_h = max(dia_h if k == "keputusan" else BOX_H for k in kinds)
        head = f'<tspan font-weight="bold">{_x(st["no"])}</tspan>'
        note = '<tspan font-style="italic" font-size="10" fill="#666">belum ditetapkan</tspan>'
        title = (f"{st['no']}. {st['text']}\nPelaksana: "
                 f"{', '.join(st['names']) or 'belum ditetapkan'}\nWaktu: {st['waktu'] or '-'}")
        syms = []
        for j, (li, kind) in enumerate(zip(idxs, kinds)):
            dia = kind == "keputusan"
            body = [_x(t) for t in _wrap(st["text"], chars_d if dia else chars,
                                         2 if dia and not st["names"] else 3)]
            if not st["names"]:  # unassigned: note on the number line, or last in a diamond
                body, top = (body + [note], head) if dia else (body, f"{head} · {note}")
            else:
                top = head
            syms.append(sym(kind, st["u"], li, y + row_h / 2, dia_h if dia else BOX_H,
                            [top] + body, title, no=st["no"],
                            waktu=st["waktu"] if j == 0 else "", dashed=not st["names"]))
        rows.append((y, syms))
        y += row_h + GAP
    last_li = syms[-1]["li"] if data else first_li
    selesai = sym("terminator", "selesai", last_li, y + CAP_H / 2, CAP_H,
                  ['<tspan font-weight="bold">Selesai</tspan>'], "Selesai", w=cap_w)
    H = round(y + CAP_H + 22)

    arrows, labels = [], []
    # Forward flow: last symbol of a step to the first symbol of the next one.
    chain = [(HEADER_H, [mulai])] + rows + [(selesai["cy"] - CAP_H / 2, [selesai])]
    for (_, a_syms), (b_top, b_syms) in zip(chain, chain[1:]):
        a, b = a_syms[-1], b_syms[0]
        x1, y1, x2, y2 = a["cx"], a["cy"] + a["h"] / 2, b["cx"], b["cy"] - b["h"] / 2
        ym = b_top - GAP / 2
        pts = [(x1, y1), (x2, y2)] if x1 == x2 else [(x1, y1), (x1, ym), (x2, ym), (x2, y2)]
        arrows.append(_arrow(pts, "panah panah-lanjut", a["id"], b["id"]))
        if a["kind"] == "keputusan":
            left = x2 > x1  # keep "Ya" on the side the arrow does not turn to
            labels.append(_label(x1 - 5 if left else x1 + 5, y1 + 13, "Ya", GREEN,
                                 "end" if left else "start", "label-ya"))
    # Hand-over between the two pelaksana of one step, within the row.
    for _, syms in rows:
        if len(syms) == 2:
            a, b = syms
            sign = 1 if b["cx"] > a["cx"] else -1
            arrows.append(_arrow([_side(a, sign), _side(b, -sign)], "panah panah-serah",
                                 a["id"], b["id"]))

    # "Tidak" return arrows run up the gutters between lanes, never through boxes.
    used: list[tuple[float, float, float]] = []  # (x, y_top, y_bottom) of gutter segments

    def gutter_x(k: int, y0: float, y1: float, out: int) -> float:
        """Free x in gutter k for a vertical run y0..y1; later runs step outward (out)."""
        lo, hi = max(k * lw - margin, 0) + 4, min(k * lw + margin, W) - 4
        c, gap = (lo + hi) / 2, max(6.0, min(14.0, (hi - lo) / 8))
        for x in [c + out * gap * j for j in range(5)] + [c - out * gap * j for j in range(1, 5)]:
            if lo <= x <= hi and not any(abs(x - ux) < 3 and y0 < b1 and a1 < y1
                                         for ux, a1, b1 in used):
                used.append((x, y0, y1))
                return x
        return c

    u_index = {st["u"]: i for i, st in enumerate(data)}
    detours: dict[float, int] = {}  # detour runs already placed above each row
    returns = [(i - u_index[st["back"]], i) for i, st in enumerate(data)
               if st["dec"] and st["back"] is not None]
    for _, i in sorted(returns):  # short loops first, so they nest inside long ones
        st, syms = data[i], rows[i][1]
        d = syms[-1]
        t_top, t_syms = rows[u_index[st["back"]]]
        t = t_syms[0]
        ld, lt = d["li"], t["li"]
        d_partner = syms[0] if len(syms) == 2 else None
        t_partner = t_syms[1] if len(t_syms) == 2 else None
        # Leave the diamond on the side away from its partner box, else toward the target.
        if d_partner:
            s1 = 1 if d["cx"] > d_partner["cx"] else -1
        elif lt != ld:
            s1 = 1 if lt > ld else -1
        elif t_partner:
            s1 = 1 if t["cx"] > t_partner["cx"] else -1
        else:
            s1 = -1 if ld == n - 1 and n > 1 else 1
        # Enter the target away from its partner unless that is the narrow outer margin.
        away = (1 if t["cx"] > t_partner["cx"] else -1) if t_partner else 0
        if away and 0 < lt + (away > 0) < n:
            s2 = away
        else:
            s2 = (1 if ld > lt else -1) if lt != ld else s1
        g1, g2 = ld + (s1 > 0), lt + (s2 > 0)
        ex, vy = _side(d, s1)
        end = _side(t, s2, -0.22 * t["h"])
        clear = g1 == g2 or not t_partner or away == s2  # horizontal misses the partner
        if clear and ((g1 >= g2) if s2 > 0 else (g1 <= g2)):
            # The horizontal into the target only crosses empty lanes of its row.
            x1 = gutter_x(g1, end[1], vy, s1)
            pts = [(ex, vy), (x1, vy), (x1, end[1]), end]
        else:
            k = detours[t_top] = detours.get(t_top, -1) + 1
            yg = t_top - 9 - 5 * (k % 3)  # stay below the forward arrow of the gap
            x1, x2 = gutter_x(g1, yg, vy, s1), gutter_x(g2, yg, end[1], s2)
            pts = [(ex, vy), (x1, vy), (x1, yg), (x2, yg), (x2, end[1]), end]
        arrows.append(_arrow(pts, "panah panah-tidak", st["u"], st["back"], red=True))
        # Below the exit: this arrow's own gutter segment only goes upward from here.
        labels.append(_label(min(max(x1, 17), W - 17), vy + 19, "Tidak", RED, "middle",
                             "label-tidak"))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" '
           f'height="{H}" style="max-width:100%;height:auto" '
           f'font-family="system-ui, sans-serif" role="img" aria-label="Diagram alir SOP">',
           "<defs>"]
    for mid, colour in (("panah-ujung", STROKE), ("panah-ujung-tidak", RED)):
        out.append(f'<marker id="{mid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                   f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
                   f'fill="{colour}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect class="latar" x="0" y="0" width="{W}" height="{H}" fill="#fff"/>')
    for i in range(n):
        out.append(f'<rect class="lajur" data-lane="{_x(lanes[i])}" x="{_n(i * lw)}" y="0" '
                   f'width="{_n(lw)}" height="{H}" fill="{LANE_FILLS[i % 2]}"/>')
    out.append(f'<rect class="pita-kepala" x="0" y="0" width="{W}" height="{HEADER_H}" '
               f'fill="#e4e4e4"/>')
    for k in range(1, n):
        out.append(f'<line class="pemisah-lajur" x1="{_n(k * lw)}" y1="0" x2="{_n(k * lw)}" '
                   f'y2="{H}" stroke="#c4c4c4" stroke-width="1"/>')
    out.append(f'<line x1="0" y1="{HEADER_H}" x2="{W}" y2="{HEADER_H}" stroke="#c4c4c4"/>')
    out.append(f'<rect x="0.5" y="0.5" width="{W - 1}" height="{H - 1}" fill="none" '
               f'stroke="#c4c4c4"/>')
    for i, title in enumerate(lanes):
        hl = _wrap(title, max(6, int((lw - 12) / 7.4)), 2)
        y0 = HEADER_H / 2 - (len(hl) - 1) * 8 + 4.5
        spans = "".join(f'<tspan x="{_n((i + 0.5) * lw)}" y="{_n(y0 + j * 16)}">{_x(t)}</tspan>'
                        for j, t in enumerate(hl))
        out.append(f'<text class="kepala-lajur" data-lane="{_x(title)}" text-anchor="middle" '
                   f'font-size="13" font-weight="bold" fill="#222">{spans}</text>')
    out += arrows
    out += [_symbol_svg(s, fs) for s in [mulai, *(s for _, ss in rows for s in ss), selesai]]
    out += labels
    out.append("</svg>")
    return "\n".join(out)
