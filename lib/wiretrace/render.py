"""Reproducible rendering: one figure style, fixed metadata, sorted tables, safe file names.

Running a notebook twice must give byte-identical files, and nbval compares inline SVG byte
for byte: SVG ids are salted with a fixed string, dates and software versions are left out of
figure metadata, and tables are written with a fixed line ending.
"""
from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd

SVG_METADATA = {"Date": None}
PNG_METADATA = {"Software": None}
STYLE = {
    "svg.hashsalt": "wiretrace",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (8, 4),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "path.simplify": True,
    "text.parse_math": False,  # article ids and text are labels, never math ("$\\evil$" is not TeX)
}
# One colour per segment role, the same in every figure.
ROLE_COLOURS = {
    "headline": "#1f4e79", "standfirst": "#2e75b6", "dateline": "#7f6000", "byline": "#b4a7d6", "caption": "#bf9000",
    "crosshead": "#548235", "body": "#a9d18e", "source_line": "#7030a0", "related_link": "#c55a11",
    "boilerplate": "#7f7f7f", "foreign": "#c00000",
}


def setup(seed: int = 0) -> None:
    """Set the figure style, seed the random generators and make inline figures reproducible SVG."""
    matplotlib.rcParams.update(STYLE)
    random.seed(seed)
    np.random.seed(seed)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    if get_ipython() is not None:
        set_matplotlib_formats("svg", metadata=SVG_METADATA, bbox_inches="tight")


def safe_name(name: str) -> str:
    """A file name that cannot leave its directory: path separators and controls replaced."""
    cleaned = re.sub(r"[^\w.-]+", "_", name).strip("._") or "unnamed"
    return cleaned[:120]


def out_path(out_dir: str | Path | None, name: str) -> Path | None:
    """``out_dir / safe_name(name)`` with the directory created, or None when not writing."""
    if out_dir is None:
        return None
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    return directory / safe_name(name)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for a CSV a journalist opens in a spreadsheet or a terminal: a text cell that a
    spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed
    with an apostrophe, and control characters (terminal escape sequences) are written as ``\\xNN``.
    Numbers are left alone. The Parquet layers and JSON keep the exact text."""
    def clean(value):
        if not isinstance(value, str):
            return value
        value = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(clean)
    return out


def md_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: HTML escaped, Markdown marks backslashed, line breaks
    and control characters made spaces (an article id can hold anything)."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", str(text))
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>~])", r"\\\1", html.escape(text, quote=False))


def save_table(frame: pd.DataFrame, out_dir: str | Path | None, name: str) -> Path | None:
    """Write ``frame`` as ``name.csv`` (no index, ``\\n`` line ends, :func:`spreadsheet_safe`);
    nothing when out_dir is None."""
    path = out_path(out_dir, f"{name}.csv")
    if path is not None:
        spreadsheet_safe(frame).to_csv(path, index=False, lineterminator="\n")
    return path


def save_figure(fig, out_dir: str | Path | None, name: str) -> list[Path]:
    """Write ``fig`` as ``name.svg`` and ``name.png`` with fixed metadata."""
    paths = []
    for suffix, metadata in (("svg", SVG_METADATA), ("png", PNG_METADATA)):
        path = out_path(out_dir, f"{name}.{suffix}")
        if path is not None:
            fig.savefig(path, format=suffix, metadata=metadata, bbox_inches="tight")
            paths.append(path)
    return paths


def article_markdown(raw: str, segments: pd.DataFrame, max_chars: int = 160) -> str:
    """An article as Markdown, one line per segment led by its role, for reading roles at a glance."""
    lines = []
    for seg in segments.sort_values("start").itertuples():
        text = raw[seg.start:seg.end]
        short = text if len(text) <= max_chars else text[:max_chars].rstrip() + " …"
        lines.append(f"- **{seg.role}** {html.escape(short, quote=False)}")
    return "\n".join(lines)


def words_by_role_figure(by_role: pd.DataFrame, max_rows: int = 40):
    """Stacked bars of words per segment role for each article (rows of ``by_role``); with more
    than ``max_rows`` articles, the longest ``max_rows`` (the title says so), so the figure stays
    readable at any corpus size; a corpus with no article gets a figure that says so."""
    import matplotlib.pyplot as plt

    if by_role.empty or not by_role.columns.size:
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, "no article loaded: see report.csv", ha="center", va="center")
        ax.axis("off")
        return fig
    shown = by_role
    if len(by_role) > max_rows:
        shown = by_role.loc[by_role.sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_rows]]
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * len(shown)))
    shown.iloc[::-1].plot.barh(stacked=True, ax=ax, width=0.7, color=[ROLE_COLOURS[r] for r in shown.columns])
    ax.set_xlabel("words")
    ax.set_ylabel("")
    ax.legend(ncols=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    if len(shown) < len(by_role):
        ax.set_title(f"the {len(shown)} longest of {len(by_role)} articles (all are in words_by_role.csv)",
                     fontsize=8, pad=28)
    return fig


def heatmaps(matrices: dict[str, pd.DataFrame], short_labels: bool = True, note: str = ""):
    """Side-by-side heatmaps of square similarity tables (values 0-1, annotated when small);
    ``note`` says which articles they show when not all."""
    import matplotlib.pyplot as plt

    if not any(len(frame) for frame in matrices.values()):
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, note or "no articles to compare", ha="center", va="center")
        ax.axis("off")
        return fig
    n = max(len(frame) for frame in matrices.values())
    side = max(4.0, 0.16 * n + 1.6)  # a readable row per article
    fig, axes = plt.subplots(1, len(matrices), figsize=(side * 1.15 * len(matrices), side), squeeze=False,
                             layout="constrained")
    if note:
        fig.suptitle(note, fontsize=8)
    for ax, (title, frame) in zip(axes[0], matrices.items()):
        labels = [label[:10] if short_labels else label for label in frame.index]
        image = ax.imshow(frame.to_numpy(), vmin=0, vmax=1, cmap="Blues")
        small = {} if n <= 12 else {"fontsize": 7}
        ax.set_xticks(range(len(labels)), labels, rotation=45 if n <= 12 else 90, ha="right" if n <= 12 else "center",
                      **small)
        ax.set_yticks(range(len(labels)), labels, **small)
        ax.set_title(title)
        ax.grid(False)
        if len(frame) <= 12:
            for (i, j), value in np.ndenumerate(frame.to_numpy()):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if value > 0.6 else "black")
    fig.colorbar(image, ax=axes[0].tolist(), shrink=0.8)
    return fig


def _marked(text: str, reference: str) -> str:
    """``text`` as HTML with the words that differ from ``reference`` wrapped in <ins>."""
    from difflib import SequenceMatcher

    words, ref = text.split(), reference.split()
    matcher = SequenceMatcher(None, [w.casefold() for w in ref], [w.casefold() for w in words], autojunk=False)
    out = []
    for op, _, _, j1, j2 in matcher.get_opcodes():
        chunk = html.escape(" ".join(words[j1:j2]))
        if chunk:
            out.append(chunk if op == "equal" else f"<ins>{chunk}</ins>")
    return " ".join(out)


def side_by_side_html(union: pd.DataFrame, corpus, members: list[str], max_copies: int = 8) -> str:
    """The union of a cluster (:func:`wiretrace.align.cluster_union`) as an HTML table: a row per
    passage, a column per copy (the first ``max_copies``; a last line says how many more the union
    table has); words that differ from the passage's reference text (``union.text``) are
    underlined (<ins>), a missing passage is '—'."""
    more = len(members) - max_copies
    members = members[:max_copies]
    head = "".join(f"<th>{html.escape(m)}</th>" for m in members)
    rows = []
    for passage_id, carried in union.groupby("passage_id", sort=False):
        spans = {r.article_id: (int(r.start), int(r.end)) for r in carried.itertuples()}
        reference = carried.text.iloc[0]
        cells = [f"<td>{_marked(corpus[m].raw[slice(*spans[m])], reference)}</td>" if m in spans else "<td>—</td>"
                 for m in members]
        rows.append(f"<tr><td>{html.escape(passage_id)}</td>{''.join(cells)}</tr>")
    if more > 0:
        rows.append(f"<tr><td colspan=\"{len(members) + 1}\">{more} more cop{'ies' if more > 1 else 'y'} "
                    f"in union.csv</td></tr>")
    return f"<table><tr><th>passage</th>{head}</tr>{''.join(rows)}</table>"


STATUS_COLOURS = {"past": "#1f4e79", "ongoing": "#548235", "planned": "#c55a11"}
SOURCE_MARKERS = "osD^v<>ph*"


def timeline_figure(events: pd.DataFrame, label_chars: int = 60, max_events: int = 60):
    """Events as rows over time: uncertain dates as interval bars, exact days as points, one marker
    per source article (the legend says which; one marker for all when there are more articles
    than markers), colour by status (past, ongoing, planned). Past ``max_events`` events, those told
    by most articles are drawn (the title says how many of how many)."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    told_by = events.source_spans.map(lambda spans: len({a for a, _, _ in json.loads(spans)}))
    kept = told_by.sort_index().sort_values(ascending=False, kind="stable").index[:max_events]
    frame = events.loc[sorted(kept)].iloc[::-1].reset_index(drop=True)
    articles = sorted({a for spans in frame.source_spans for a, _, _ in json.loads(spans)})
    many = len(articles) > len(SOURCE_MARKERS)
    marker = {a: "o" if many else SOURCE_MARKERS[i % len(SOURCE_MARKERS)] for i, a in enumerate(articles)}
    fig, ax = plt.subplots(figsize=(10, 0.8 + 0.32 * len(frame)), layout="constrained")
    for y, e in frame.iterrows():
        start, end = pd.Timestamp(e.earliest), pd.Timestamp(e.latest) + pd.Timedelta(days=1)
        colour = STATUS_COLOURS.get(e.status, "grey")
        if end - start > pd.Timedelta(days=1):
            ax.barh(y, end - start, left=start, height=0.35, color=colour, alpha=0.35, edgecolor=colour)
        sources = [a for a, _, _ in json.loads(e.source_spans)]
        middle = start + (end - start) / 2
        # one marker per source article; with many articles one marker, its size the number telling it
        for k, source in enumerate(sources[:1] if many else sources):
            offset = 0 if many else (k - (len(sources) - 1) / 2) * 0.12
            ax.plot(middle, y + offset, marker=marker[source], color=colour,
                    markersize=4 + min(8, len(set(sources))) if many else 5,
                    markerfacecolor="white" if e.status == "planned" else colour, linestyle="none")
    ax.set_yticks(range(len(frame)), [_short(t, label_chars) for t in frame.text], fontsize=7)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    handles = [Line2D([], [], color=c, marker="s", linestyle="none", label=s) for s, c in STATUS_COLOURS.items()]
    handles += [Line2D([], [], color="black", marker="o", linestyle="none", markerfacecolor="white",
                       label=f"size: articles telling it (of {len(articles)})")] if many else \
        [Line2D([], [], color="black", marker=marker[a], linestyle="none", markerfacecolor="white", label=a[:12])
         for a in articles]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False)
    ax.set_xlabel("date (bars: the days an uncertain date can be; hollow markers: planned)")
    if len(frame) < len(events):
        ax.set_title(f"the {len(frame)} events told by most articles, of {len(events)} (all in events.csv)",
                     fontsize=8)
    return fig


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


MAX_CLAIMANT_COLOURS = 10  # tab10: more colours could not be told apart
MAX_LABELLED_BARS = 40  # a panel with more bars leaves their numbers unlabelled


def claims_figure(distinct: pd.DataFrame, measures: list[str] | None = None, max_measures: int = 12):
    """Per measure, the claimed intervals as bars over their as-of dates, coloured by claimant;
    a claim carried by several copies is drawn once, labelled with its number of carriers. Without
    ``measures``, the ``max_measures`` measures with most claims (two or more); claims whose as-of
    date is unknown are counted in the panel's title, not placed on the time axis."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    frame = distinct[distinct.kind == "count"] if measures is None else distinct[distinct.measure.isin(measures)]
    if measures is None:  # the measures with a series to compare (two claims or more), the largest first
        sizes = frame.measure.value_counts()
        sizes = sizes[sizes >= 2].sort_index().sort_values(ascending=False, kind="stable")
        measures = sorted(sizes.index[:max_measures])
    else:
        measures = sorted(frame.measure.dropna().unique())
    if not measures:
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, "no counted claims to draw", ha="center", va="center")
        ax.axis("off")
        return fig
    # one colour per claimant of the drawn claims, the most frequent first; beyond ten, one grey
    drawn = frame[frame.measure.isin(measures)].claimant.value_counts()
    claimants = sorted(drawn.sort_index().sort_values(ascending=False, kind="stable").index[:MAX_CLAIMANT_COLOURS])
    colours = {c: "0.6" for c in drawn.index}
    colours.update(zip(claimants, plt.get_cmap("tab10").colors))
    fig, axes = plt.subplots(len(measures), 1, figsize=(9, 2.4 * len(measures)), squeeze=False, sharex=True,
                             layout="constrained")
    slot = pd.Timedelta(days=40)  # claims as of the same time stand side by side, one slot each
    for ax, measure in zip(axes[:, 0], measures):
        rows = frame[frame.measure == measure]
        undated = int(rows.as_of_earliest.map(lambda v: not isinstance(v, str)).sum())
        rows = rows[rows.as_of_earliest.map(lambda v: isinstance(v, str))].sort_values(["as_of_earliest", "claim_id"])
        finite = [r.high for r in rows.itertuples() if r.high != float("inf")] + [r.low for r in rows.itertuples()]
        finite = finite or [1.0]
        top = max(finite) * 1.25
        taken: dict[str, int] = {}
        for r in rows.itertuples():
            month = r.as_of_earliest[:7]
            start = pd.Timestamp(r.as_of_earliest) + slot * taken.get(month, 0)
            taken[month] = taken.get(month, 0) + 1
            high = r.high if r.high != float("inf") else top
            ax.bar(start, high - r.low, bottom=r.low, width=slot * 0.9, align="edge", color=colours[r.claimant],
                   alpha=0.55, edgecolor=colours[r.claimant], hatch="//" if r.high == float("inf") else None)
            carriers = len(r.carriers.split(";"))
            if len(rows) > MAX_LABELLED_BARS:
                continue  # too many bars to label legibly: the numbers are in distinct_claims.csv
            ax.annotate(r.text + (f" ×{carriers}" if carriers > 1 else ""), (start + slot * 0.45, high),
                        fontsize=7, ha="center", va="bottom", rotation=90 if len(rows) > 3 else 0)
        ax.set_ylim(0, top * 1.35)
        ax.set_title(measure + (f" ({undated} claim{'s' if undated > 1 else ''} as of an unknown date not drawn)"
                                if undated else ""), fontsize=9)
        ax.set_ylabel("claimed number")
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    axes[-1, 0].set_xlabel("as-of date of the claim")
    others = len(drawn) - len(claimants)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[c], alpha=0.55) for c in claimants]
    labels = [_short(c, 45) for c in claimants]
    if others:
        handles.append(plt.Rectangle((0, 0), 1, 1, color="0.6", alpha=0.55))
        labels.append(f"{others} other claimant{'s' if others > 1 else ''}")
    fig.legend(handles, labels, loc="outside right upper", fontsize=7, frameon=False)
    return fig


def derivation_figure(prov_, max_nodes: int = 24):
    """The derivation graph of a :class:`wiretrace.provenance.Provenance`: originals on top, copies
    below, outlets and agencies as labels; each tree in its own columns, the largest trees first,
    up to ``max_nodes`` boxes (the title says when some are left out)."""
    import matplotlib.pyplot as plt
    import networkx as nx

    graph = nx.DiGraph()
    records = prov_.records.set_index("article_id")
    for e in prov_.derivations.itertuples():
        graph.add_edge(e.parent, e.child, label=f"{e.kind}\n{e.shared_passages} shared, {e.unique_passages} own")
    if not graph:
        fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
        ax.text(0.5, 0.5, "no duplicate clusters: every article stands alone", ha="center", va="center")
        ax.axis("off")
        return fig
    trees = sorted((sorted(c) for c in nx.weakly_connected_components(graph)), key=lambda c: (-len(c), c[0]))
    kept = []
    for tree in trees:  # the largest trees, whole, up to max_nodes boxes
        if kept and sum(map(len, kept)) + len(tree) > max_nodes:
            break
        kept.append(tree)
    graph = graph.subgraph([n for tree in kept for n in tree]).copy()
    layers = {node: 0 for node in graph if graph.in_degree(node) == 0}
    for node in nx.topological_sort(graph):
        for child in graph.successors(node):
            layers[child] = max(layers.get(child, 0), layers.get(node, 0) + 1)
    pos, offset, crowded = {}, 0.0, False
    for tree in kept:  # each tree in its own columns: sources on top, copies in rows below
        by_layer: dict[int, list[str]] = {}
        for node in tree:
            by_layer.setdefault(layers[node], []).append(node)
        width = max(len(nodes) for nodes in by_layer.values())
        crowded = crowded or width > 4  # edge labels side by side would overlap
        for layer, nodes in by_layer.items():
            for i, node in enumerate(nodes):
                pos[node] = (offset + i + (width - len(nodes)) / 2, -float(layer))
        offset += width + 0.5
    fig, ax = plt.subplots(figsize=(min(24, max(9, 2.2 * offset)), 1.4 + 1.4 * (max(layers.values()) + 1)),
                           layout="constrained")
    originals = set(prov_.originals.original)
    wire = dict(zip(prov_.originals.original, prov_.originals.wire))
    labels = {n: (f"{n}\n(latent, {wire.get(n) or 'no wire'})" if n in originals
                  else f"{n[:14]}\n{records.at[n, 'outlet']}, {records.at[n, 'wire'] or 'no wire'}") for n in graph}
    # drawn with matplotlib in sorted order (networkx only places the nodes): networkx's own
    # drawing orders its patches differently from run to run, which breaks byte-identical figures
    for u, v in sorted(graph.edges):
        ax.annotate("", xy=pos[v], xytext=pos[u],
                    arrowprops={"arrowstyle": "-|>", "shrinkA": 22, "shrinkB": 22, "color": "black"})
        (x0, y0), (x1, y1) = pos[u], pos[v]
        if crowded:
            continue
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, graph.edges[u, v]["label"], fontsize=6, ha="center", va="center",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    for n in sorted(graph.nodes):
        ax.text(*pos[n], labels[n], fontsize=7, ha="center", va="center",
                bbox={"facecolor": "#f4b183" if n in originals else "#9dc3e6", "edgecolor": "none", "pad": 4})
    xs, ys = zip(*pos.values())
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.4, max(ys) + 0.4)
    shown = "" if len(kept) == len(trees) else \
        f"\nthe {len(kept)} largest of {len(trees)} derivation trees (all in derivations.csv)"
    shown += "\n(how each copy derives: derivations.csv)" if crowded else ""
    ax.set_title("Who derives from whom (arrows point from source to copy)" + shown)
    ax.axis("off")
    return fig
