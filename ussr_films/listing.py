"""The tables of long listings, laid out in one pass.

Rich's Table measures and renders every cell through its general machinery
(a Padding, a render into segments, a crop, a reshape), about half a
millisecond a row: a listing of the Thaw's 207 films spent more time being
laid out than the rest of the command took. The tables here are always of
one simple shape (a header rule, no edges or lines, text cells), so
`Listing` lays that shape out directly with Rich's own pieces: the same
measurements, the same width algorithm, the same word wrapping, and so the
same output, character for character and style for style
(tests/test_listing.py holds it equal to Table on generated tables).
Any other shape falls back to Table itself.

Where nothing is styled (a pipe, NO_COLOR), `Listing.plain` goes further and
lays the same lines out as strings, without Rich's segments: the listing of
a whole era then takes a few milliseconds instead of tens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich import box
from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

SHAPE = box.SIMPLE_HEAD  # the only box laid out here

# Characters one cell wide (Latin, Greek, Cyrillic, Armenian, Georgian, punctuation), where a
# string's length is its width; anything else (wide, zero-width, control) is left to Rich.
_NOT_NARROW = re.compile(
    r"[^\n\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u0590\u05d0-\u05ff\u10a0-\u10ff"
    r"\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u218b]"  # dashes, quotes, ellipsis, №, ℃...
)


def narrow(text: str) -> bool:
    """Whether every character of text takes one cell, so that its length is its width."""
    return not _NOT_NARROW.search(text)


class Listing(Table):
    """A Table that lays itself out fast when it has the listings' shape, and as Table otherwise."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self._simple(options):
            yield from super().__rich_console__(console, options)
            return
        columns = self.columns
        last = len(columns) - 1
        pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(columns))]
        header_style = console.get_style(self.header_style or "")
        headers = [console.render_str(column.header, markup=options.markup, highlight=False) for column in columns]
        cells = [[headers[i], *column._cells] for i, column in enumerate(columns)]
        extra = len(columns) - 1  # one divider between columns, no edges
        max_width = options.max_width - extra
        widths = self._widths(cells, pads, max_width)
        if widths is None:
            yield from super().__rich_console__(console, options)
            return
        table_width = sum(widths) + extra
        render_options = options.update(width=table_width, highlight=self.highlight, height=None)
        if self.title:
            title = (
                console.render_str(self.title, style=Style.pick_first(self.title_style, "table.title"), highlight=False)
                if isinstance(self.title, str)
                else self.title
            )
            yield from console.render(title, render_options.update(justify=self.title_justify))
        rows = list(zip(*cells))
        divider = Segment(SHAPE.head_vertical)
        new_line = Segment.line()
        for index, row in enumerate(rows):
            header = index == 0
            style = header_style if header else Style.null()
            blocks = [self._cell(console, text, width, pad, style) for text, width, pad in zip(row, widths, pads)]
            height = max(len(block) for block in blocks)
            for block, width in zip(blocks, widths):
                blank = [Segment(" " * width, style)] if style else [Segment(" " * width)]
                filler = [blank] * (height - len(block))
                block[:] = filler + block if header else block + filler
            for line_no in range(height):
                for column, block in enumerate(blocks):
                    yield from block[line_no]
                    if column != last:
                        yield divider
                yield new_line
            if header:
                yield Segment(SHAPE.get_row(widths, "head", edge=False))
                yield new_line

    def plain(self, console: Console) -> str | None:
        """The listing as console prints it where it prints no styles, each line's trailing spaces dropped.

        None where console prints styles, or when the listing is not of the simple shape or holds
        text whose width only Rich can tell.
        """
        options = console.options
        if console.color_system is not None or not self._simple(options):
            return None
        if any("[" in column.header for column in self.columns):
            return None
        columns = self.columns
        texts = [column.header for column in columns] + [cell.plain for column in columns for cell in column._cells]
        if self.title:
            if not isinstance(self.title, Text) or self.title.justify not in (None, "left"):
                return None
            texts.append(self.title.plain)
        if not all(map(narrow, texts)) or any(
            cell.justify not in (None, "left") or cell.overflow not in (None, "fold") or cell.no_wrap
            for column in columns
            for cell in column._cells
        ):
            return None
        last = len(columns) - 1
        pads = [(0 if i == 0 else 1, 0 if i == last else 1) for i in range(len(columns))]
        cells = [[Text(column.header), *column._cells] for column in columns]
        widths = self._widths(cells, pads, options.max_width - last, narrow=True)
        if widths is None:
            return None
        out = []
        if self.title:
            out.extend(_wrapped(self.title.plain, sum(widths) + last))
        for index, row in enumerate(zip(*cells)):
            blocks = [_wrapped(text.plain, width - sum(pad)) for text, width, pad in zip(row, widths, pads)]
            height = max(len(block) for block in blocks)
            if index == 0:  # the header row sits on its rule
                blocks = [[""] * (height - len(block)) + block for block in blocks]
            for line_no in range(height):
                parts = [
                    " " * left
                    + (block[line_no] if line_no < len(block) else "").ljust(width - left - right)
                    + " " * right
                    for block, width, (left, right) in zip(blocks, widths, pads)
                ]
                out.append(" ".join(parts).rstrip())
            if index == 0:
                out.append(SHAPE.get_row(widths, "head", edge=False).rstrip())
        return "".join(line + "\n" for line in out)

    def _simple(self, options: ConsoleOptions) -> bool:
        """Whether this table has the one shape laid out here (else Table does it)."""
        return (
            self.box is SHAPE
            and not self.show_edge
            and not self.pad_edge
            and self.padding == (0, 1, 0, 1)
            and not self.collapse_padding
            and self.show_header
            and not self.show_footer
            and not self.show_lines
            and not self.leading
            and not self.expand
            and self.width is None
            and self.min_width is None
            and not self.caption
            and not self.row_styles
            and _plain(self.style)
            and _plain(self.border_style)
            and not options.ascii_only  # Table would substitute the box's characters
            and all(row.style is None and not row.end_section for row in self.rows)
            and all(
                column.justify == "left"
                and column.vertical == "top"
                and column.overflow == "fold"
                and not column.no_wrap
                and column.width is None
                and column.min_width is None
                and column.max_width is None
                and column.ratio is None
                and _plain(column.style)
                and _plain(column.header_style)
                and not column.highlight
                and isinstance(column.header, str)
                and all(isinstance(cell, Text) for cell in column._cells)
                for column in self.columns
            )
        )

    def _widths(
        self, cells: list[list[Text]], pads: list[tuple[int, int]], max_width: int, narrow: bool = False
    ) -> list[int] | None:
        """Each column's width, padding included, as Table._calculate_column_widths finds it.

        narrow: every character is one cell wide, so a string's length is its width.
        """
        if max_width < 1:
            return None
        plains = [[text.plain for text in column] for column in cells]
        measure = _narrow_column if narrow else _column
        natural = [measure(plain, sum(pad), max_width) for plain, pad in zip(plains, pads)]
        widths = [maximum or 1 for _, maximum in natural]
        if sum(widths) > max_width:
            widths = self._collapse_widths(widths, [True] * len(widths), max_width)
            if sum(widths) > max_width:
                widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
            widths = [measure(plain, sum(pad), width)[1] or 0 for plain, pad, width in zip(plains, pads, widths)]
        if any(width - sum(pad) < 1 for width, pad in zip(widths, pads)):
            return None  # too narrow for a cell's text: Table's own handling of that edge applies
        return widths

    @staticmethod
    def _cell(console: Console, text: Text, width: int, pad: tuple[int, int], style: Style) -> list[list[Segment]]:
        """One cell's lines as segments, each exactly width cells wide: Padding and render_lines' result."""
        left, right = pad
        inner = width - left - right
        plain = text.plain
        length = _cells(plain)
        if "\n" not in plain and "\t" not in plain and length <= inner and text.justify in (None, "left"):
            # What wrap makes of a line that fits: the line itself, padded to the width.
            line = text.copy()
            line.pad_right(inner - length)
            lines = [line]
        else:
            lines = text.wrap(
                console,
                inner,
                justify=text.justify or "left",
                overflow=text.overflow or "fold",
                tab_size=text.tab_size or console.tab_size or 8,
                no_wrap=bool(text.no_wrap),
            )
        # As Text renders itself: the lines joined, so that each line's own style reaches its characters.
        segments = Text("\n").join(lines).render(console, end=text.end)
        if style:
            segments = Segment.apply_style(segments, style)
        rendered = []
        for line in Segment.split_and_crop_lines(
            segments, inner, style=style or None, pad=True, include_new_lines=False
        ):
            if left:
                line.insert(0, Segment(" " * left, style or None))
            if right:
                line.append(Segment(" " * right, style or None))
            rendered.append(line)
        return rendered


def _wrapped(plain: str, width: int) -> list[str]:
    """Text.wrap of narrow, unstyled text: the same breaks, each line cut to width, trailing spaces dropped."""
    lines = []
    for line in plain.split("\n"):
        if len(line) <= width:  # fits: divide_line would find no break
            lines.append(line.rstrip())
            continue
        starts = [0, *divide_line(line, width, fold=True)]
        ends = [*starts[1:], len(line)]
        lines.extend(line[start:end][:width].rstrip() for start, end in zip(starts, ends))
    return lines


def _cells(text: str) -> int:
    """cell_len, without its per-character table for the printable ASCII that most titles are."""
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _plain(style: object) -> bool:
    """A style that adds nothing (Table's default style is the string "none")."""
    return style in (None, "", "none") or (isinstance(style, Style) and not style)


def _column(plains: Iterable[str], padding: int, max_width: int) -> tuple[int, int]:
    """A column's (minimum, maximum) width, as Table._measure_column finds it for padded Text cells."""
    minimum = maximum = None
    for plain in plains:
        low, high = _padded(plain, padding, max_width)
        minimum = low if minimum is None else max(minimum, low)
        maximum = high if maximum is None else max(maximum, high)
    if minimum is None:
        return 1, max_width
    return min(minimum, max_width), min(maximum, max_width)


def _narrow_column(plains: Iterable[str], padding: int, max_width: int) -> tuple[int, int]:
    """_column of text whose every character is one cell wide: a string's length is its width."""
    lows, highs = [], []
    for plain in plains:
        lines = plain.split("\n")
        high = max(map(len, lines))
        words = plain.split()
        low = max(map(len, words)) if words else high
        lows.append(low)
        highs.append(high)
    if not highs:
        return 1, max_width
    low, high = max(lows), max(highs)
    if max_width - padding < 1:
        return max_width, max_width
    # What _padded and _normal make of each cell, done once on the column's extremes: every step
    # there (clamping to max_width, adding the padding) keeps order, so the largest stays largest.
    minimum, maximum = _padded_measure(low, high, padding, max_width)
    return min(minimum, max_width), min(maximum, max_width)


def _padded_measure(low: int, high: int, padding: int, max_width: int) -> tuple[int, int]:
    """Padding's measure of text that measures (low, high): normalised, padded, within max_width."""
    low, high = _normal(low, high, max_width)
    low, high = min(low + padding, max_width), min(high + padding, max_width)
    return _normal(low, high, max_width)


def _padded(plain: str, padding: int, max_width: int) -> tuple[int, int]:
    """Measurement.get of Padding(Text(plain)): the text's, plus the padding, within max_width."""
    if max_width < 1:
        return 0, 0
    if max_width - padding < 1:
        return _normal(max_width, max_width, max_width)
    return _padded_measure(*_text(plain, max_width), padding, max_width)


def _text(plain: str, max_width: int) -> tuple[int, int]:
    """Measurement.get of a Text: its longest word and longest line, within max_width."""
    lines = plain.splitlines()
    high = max(_cells(line) for line in lines) if lines else 0
    words = plain.split()
    low = max(_cells(word) for word in words) if words else high
    return _normal(low, high, max_width)


def _normal(low: int, high: int, max_width: int) -> tuple[int, int]:
    # Measurement.normalize, with_maximum(max_width), the (0, 0) of an empty measure, then normalize again.
    low = max(0, min(low, high))
    high = max(0, max(low, high))
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    low = max(0, min(low, high))
    return low, max(0, max(low, high))
