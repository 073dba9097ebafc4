"""Shared look of every figure: fixed sizes (stable files), a colour-blind-safe palette
(Okabe & Ito), time units chosen by range, and metadata stripped so that the same run
gives the same files."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
PHASE_COLOURS = {
    "queued": "#E69F00",
    "cold start": "#CC79A7",
    "stage-in": "#56B4E9",
    "exec": "#0072B2",
    "stage-out": "#009E73",
}
WIDTH_IN = 10.0
DPI = 110

plt.rcParams.update({
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "contsim",  # stable element ids in SVG output
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
})


def time_unit(max_seconds):
    """(divisor, label) so that axes read in s, min or h."""
    if max_seconds > 3 * 3600:
        return 3600.0, "h"
    if max_seconds > 600:
        return 60.0, "min"
    return 1.0, "s"


def figure(height_in, ncols=1, nrows=1, **kw):
    return plt.subplots(nrows, ncols, figsize=(WIDTH_IN, height_in), **kw)


def save(fig, out_dir, name, formats):
    """Writes NAME.FORMAT for each format; returns the file names written."""
    files = []
    fig.tight_layout()
    for fmt in formats:
        path = f"{out_dir}/{name}.{fmt}"
        metadata = {"Date": None} if fmt in ("svg", "pdf") else {}
        if fmt == "pdf":
            metadata["CreationDate"] = None
            metadata.pop("Date")
        fig.savefig(path, format=fmt, metadata=metadata)
        files.append(f"{name}.{fmt}")
    plt.close(fig)
    return files


def legend_outside(ax, title=None, ncol=None, handles=None, labels=None):
    """Legend in rows above the axes, so it never covers data, and the title above it."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    if not handles:
        if title:
            ax.set_title(title)
        return
    ncol = ncol or min(len(handles), 5)
    rows = -(-len(handles) // ncol)
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=ncol, fontsize=8)
    if title:
        ax.set_title(title, pad=8 + 15 * rows)
