"""Bar charts and a timeline drawn with text, for `ussrfilms stats` and `ussrfilms timeline`.

Each chart is a Rich renderable that lays itself out when printed, from the
width and encoding the console offers: on a narrow terminal labels shorten
and bars scale down; on a stream that cannot encode block characters (an
ASCII-only stdout) bars are drawn with '#'. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.text import Text

from .stats import Breakdown, DataReport, Shelving, Stats, Timeline

EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589"  # blank, then 1/8 to 7/8 of a block
FULL = "\u2588"
ASCII_BAR = "#"
BAR_STYLE = "cyan"
SHELVED_STYLE = "red"
GAP = 1
MIN_BAR = 10  # narrower than this beside its label, a bar goes under the label
MAX_BAR = 60  # longer bars read no better and push the count off the eye line


def fit(text: str, width: int, ascii_only: bool) -> str:
    """text cut to width, marking the cut."""
    if len(text) <= width:
        return text
    if width <= 1:
        return text[:width]
    return text[: width - 1] + ("~" if ascii_only else "\u2026")


def bar(value: int, most: int, width: int, ascii_only: bool) -> str:
    """A bar as long as value is of most, in width cells; any film shows at least a sliver."""
    if most <= 0 or width <= 0 or value <= 0:
        return ""
    if ascii_only:
        return ASCII_BAR * max(1, round(value * width / most))
    eighths = max(1, round(value * width * 8 / most))
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


class BarChart:
    """Rows of label, bar and count under a title.

    Labels share one column; when the terminal is too narrow for the labels
    and a useful bar side by side, each label goes on its own line above its bar.
    """

    def __init__(self, title: str, rows: Sequence[tuple[str, int]], note: str = "", label_width: int = 0):
        self.title = title
        self.rows = list(rows)
        self.note = note
        self.label_width = label_width or max((len(label) for label, _ in self.rows), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        ascii_only = options.ascii_only
        yield Text(fit(self.title, width, ascii_only), style="bold")
        if not self.rows:
            yield Text("(no films)", style="dim")
            return
        most = max(films for _, films in self.rows)
        count_w = len(str(most))
        stacked = self.label_width + MIN_BAR + count_w + 2 * GAP > width
        label_w = 0 if stacked else self.label_width
        bar_w = min(MAX_BAR, max(1, width - label_w - count_w - 2 * GAP))
        for label, films in self.rows:
            drawn = bar(films, most, bar_w, ascii_only)
            if stacked:
                yield _line(Text(fit(label, width, ascii_only)))
                line = Text()
            else:
                line = Text(label.ljust(label_w) + " " * GAP)
            line.append(drawn, style=BAR_STYLE)
            line.append(" " * GAP + str(films))
            yield _line(line)
        if self.note:
            yield Text(self.note, style="dim")


def _line(text: Text) -> Text:
    """A chart line never wraps: a wrapped bar would read as two."""
    text.no_wrap, text.overflow = True, "crop"
    return text


# Breakdowns by name, charted as the busiest few and "other" (--top).
TOPPED = {"studio": "studios", "cinematographer": "people", "composer": "people", "source": "authors"}


def stats_view(stats: Stats, top: int) -> Group:
    """Every breakdown as a bar chart; studios and people beyond the top few gathered into "other"."""
    charts = []
    for breakdown in stats.breakdowns:
        rows = [(count.label, count.films) for count in breakdown.counts]
        if breakdown.key in TOPPED:
            rows = _top(breakdown, top, TOPPED[breakdown.key])
        if rows:
            charts.append((breakdown, rows))
    # One label column for every chart, so the bars start in one place down the screen.
    label_width = max(len(label) for _, rows in charts for label, _ in rows)
    parts: list = [Text(f"{stats.films} films", style="bold")]
    for breakdown, rows in charts:
        parts += [Text(""), BarChart(breakdown.title, rows, breakdown.note, label_width)]
    if stats.coverage:
        parts += [Text(""), Text("Ids that join Letterboxd and IMDb files", style="bold")]
        parts += [
            Text(f"{c.label.ljust(label_width)}  {c.films} of {c.of} films ({c.percent:.0f}%)") for c in stats.coverage
        ]
    return Group(*parts)


def data_view(report: DataReport) -> Group:
    """The data report: for each field, how many of the films that can have it do, a line each."""
    width = max(len(line.label) for section in report.sections for line in section.lines)
    parts: list = [Text(f"{report.films} films", style="bold")]
    for section in report.sections:
        parts += [Text(""), Text(section.title, style="bold")]
        parts += [
            Text(f"  {c.label.ljust(width)}  {c.films:>5} of {c.of:<5} ({c.percent:.0f}%)") for c in section.lines
        ]
    return Group(*parts)


def _top(breakdown: Breakdown, top: int, noun: str) -> list[tuple[str, int]]:
    """The top names by films, "other" for the rest; the not-recorded row stays last. top 0 keeps all."""
    named = [count for count in breakdown.counts if count.value is not None]
    unknown = [(count.label, count.films) for count in breakdown.counts if count.value is None]
    if top <= 0 or len(named) <= top:
        return [(count.label, count.films) for count in named] + unknown
    rest = named[top:]
    other = (f"other ({len(rest)} {noun})", sum(count.films for count in rest))
    return [(count.label, count.films) for count in named[:top]] + [other] + unknown


# -- the timeline ----------------------------------------------------------

HEIGHT = 4  # rows of the films-per-year histogram
NARROW = 48  # below this width labels go above their rows
YEARS_W = len("0000-0000")
TICK_ROOM = 5  # cells a year label needs, with a space
ERA_STYLES = ("magenta", "red", "green", "yellow", "blue", "cyan", "bright_black")


class TimelineView:
    """The eras, films per year and the shelved films, all on one year axis."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        t = self.timeline
        ascii_only = options.ascii_only
        axis = _Axis.lay_out(t, options.max_width)
        yield Text(
            fit(f"Soviet cinema, {t.start}-{t.end}: eras, films per year, shelved films", axis.width, ascii_only),
            style="bold",
        )
        yield axis.ticks()
        yield Text(fit("Eras", axis.width, ascii_only), style="bold")
        for era, style in zip(t.eras, ERA_STYLES * len(t.eras)):
            yield from axis.row(
                era.id, f"{era.start}-{era.end}", (era.start, era.end, style), ascii_only, f" {era.films}"
            )
        yield Text("")
        yield from axis.histogram(t.per_year, ascii_only)
        yield Text("")
        yield Text(fit("Shelved by the censors: completed -> released", axis.width, ascii_only), style="bold")
        for shelving in t.shelved:
            yield from self._shelving(axis, shelving, ascii_only)

    @staticmethod
    def _shelving(axis: _Axis, s: Shelving, ascii_only: bool) -> list[Text]:
        """A bar from completion to release; with no release year recorded, a mark and a '?'."""
        if s.released is None:
            return axis.row(s.title, f"{s.year}-?", (s.year, s.year, SHELVED_STYLE), ascii_only, " ?")
        return axis.row(
            s.title, f"{s.year}-{s.released}", (s.year, s.released, SHELVED_STYLE), ascii_only, f" {s.held}y"
        )


def _boundaries(t: Timeline) -> list[int]:
    """Where each era of the unbroken chain from 1917 begins, to draw down every row.

    The Western view runs alongside the others, so it starts no new period.
    """
    starts, previous = [], None
    for era in t.eras:
        if previous is not None and era.start == previous.end + 1:
            starts.append(era.start)
        previous = era if previous is None or era.start == previous.end + 1 else previous
    return starts


class _Axis:
    """Where each year falls across the width left after the label and years columns.

    Below NARROW columns there is no room for labels beside the axis: each
    label then goes on its own line above its row, and the axis takes the width.
    """

    def __init__(self, start: int, end: int, width: int, label_w: int, guides: Sequence[int]):
        self.start, self.end, self.width = start, end, width
        self.stacked = width < NARROW
        self.label_w = label_w
        self.lead = 0 if self.stacked else label_w + GAP + YEARS_W + GAP
        self.cells = max(1, width - self.lead)
        self.guides = [self.column(year) for year in guides]

    @classmethod
    def lay_out(cls, t: Timeline, width: int) -> _Axis:
        labels = [era.id for era in t.eras] + [s.title for s in t.shelved] + ["films per year"]
        label_w = min(max(len(label) for label in labels), max(4, (width - YEARS_W) // 3))
        return cls(t.start, t.end, width, label_w, _boundaries(t))

    def column(self, year: int) -> int:
        span = self.end - self.start + 1
        return min(self.cells - 1, max(0, (year - self.start) * self.cells // span))

    def _heading(self, label: str, years: str, ascii_only: bool) -> list[Text]:
        """The label line of a stacked row; nothing when labels sit beside the axis."""
        if not self.stacked:
            return []
        # Years first: on a narrow screen the end of a long title is what gets cut.
        return [_line(Text(fit(f"{years} {label}".strip(), self.width, ascii_only)))]

    def _lead(self, label: str, years: str, ascii_only: bool) -> Text:
        if self.stacked:
            return Text()
        text = Text(fit(label, self.label_w, ascii_only).ljust(self.label_w) + " " * GAP)
        text.append(years.rjust(YEARS_W) + " " * GAP, style="dim")
        return text

    def _blank(self, ascii_only: bool) -> list[tuple[str, str]]:
        guide = "." if ascii_only else "\u00b7"
        cells = [(" ", "")] * self.cells
        for column in self.guides:
            cells[column] = (guide, "dim")
        return cells

    def row(self, label: str, years: str, span: tuple[int, int, str], ascii_only: bool, after: str = "") -> list[Text]:
        """One labelled row with a bar over the (first year, last year, style) span, then after if it fits."""
        first_year, last_year, style = span
        cells = self._blank(ascii_only)
        block = ASCII_BAR if ascii_only else FULL
        for column in range(self.column(first_year), self.column(last_year) + 1):
            cells[column] = (block, style)
        end = self.column(last_year) + 1
        if after and end + len(after) <= self.cells:
            for offset, char in enumerate(after):
                cells[end + offset] = (char, "dim")
        return self._heading(label, years, ascii_only) + [self._finish(self._lead(label, years, ascii_only), cells)]

    def _finish(self, text: Text, cells: list[tuple[str, str]]) -> Text:
        for char, style in cells:
            text.append(char, style=style or None)
        return _line(text)

    def ticks(self) -> Text:
        """Year labels along the axis: the first year, each decade that fits, the last year."""
        taken = -1
        # Every decade if a label fits in each, else every other one.
        step = 10 if self.cells * 10 // (self.end - self.start + 1) >= TICK_ROOM else 20
        marks = [self.start] + list(range((self.start // step + 1) * step, self.end + 1, step))
        placed: list[tuple[int, str]] = []
        for year in marks:
            column = self.column(year)
            label = str(year)
            if column > taken and column + len(label) <= self.cells:
                placed.append((column, label))
                taken = column + len(label)
        # Each label its own styled span between plain spaces: an SVG export
        # then places every label at its own x, over its column, rather than
        # one run of text that a viewer's font can shift.
        text, at = Text(" " * self.lead), 0
        for column, label in placed:
            text.append(" " * (column - at))
            text.append(label, style="dim")
            at = column + len(label)
        text.append(" " * (self.cells - at))
        return _line(text)

    def histogram(self, per_year: dict[int, int], ascii_only: bool) -> list[Text]:
        """HEIGHT rows of columns as tall as the busiest year each column covers."""
        peaks = [0] * self.cells
        for year, films in per_year.items():
            column = self.column(year)
            peaks[column] = max(peaks[column], films)
        most = max(peaks) or 1
        busiest = min(year for year, films in per_year.items() if films == most)
        rows = self._heading("films per year", f"max {most}", ascii_only)
        for level in range(HEIGHT, 0, -1):
            label = "films per year" if level == HEIGHT else ""
            years = f"max {most}" if level == HEIGHT else ""
            cells = self._blank(ascii_only)
            for column, peak in enumerate(peaks):
                char = _histogram_cell(peak, most, level, ascii_only)
                if char != " ":
                    cells[column] = (char, BAR_STYLE)
            rows.append(self._finish(self._lead(label, years, ascii_only), cells))
        note = Text(fit(f"busiest year: {busiest}, {most} films", self.width, ascii_only), style="dim")
        return rows + [note]


def _histogram_cell(value: int, most: int, level: int, ascii_only: bool) -> str:
    """The cell at row level (1 = bottom) of a column value/most tall."""
    if value <= 0:
        return " "
    eighths = max(1, round(value * HEIGHT * 8 / most))
    filled = eighths - (level - 1) * 8
    if filled <= 0:
        return " "
    if ascii_only:
        return ASCII_BAR if filled >= 4 or level == 1 else " "
    if filled >= 8:
        return FULL
    return " \u2581\u2582\u2583\u2584\u2585\u2586\u2587"[filled]


def timeline_view(timeline: Timeline) -> TimelineView:
    return TimelineView(timeline)


def picture_svg(renderable, title: str, width: int = 110) -> str:
    """A chart as an SVG image of a terminal, at a fixed width so the file is the same everywhere."""
    import io

    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return console.export_svg(title=title)
